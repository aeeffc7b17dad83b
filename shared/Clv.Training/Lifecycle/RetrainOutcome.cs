using Clv.Model;
using Clv.Training.Metrics;

namespace Clv.Training.Lifecycle;

/// <summary>
/// One retrain: the stored candidate version, the verdict and the holdout metrics it rests on: the chosen
/// candidate's (<see cref="Candidate"/>, of kind <see cref="Kind"/>) and every candidate's (<see cref="Candidates"/>).
/// </summary>
public sealed record RetrainOutcome(
    string Version,
    PromotionDecision Decision,
    ModelMetrics Candidate,
    string? ActiveVersion,
    ModelMetrics? Active,
    ModelMetrics? Baseline,
    ModelKind Kind,
    IReadOnlyDictionary<ModelKind, ModelMetrics> Candidates);
