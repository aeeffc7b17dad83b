using Clv.Training.Metrics;

namespace Clv.Training.Lifecycle;

/// <summary>One retrain: the stored candidate version, the verdict and the holdout metrics it rests on.</summary>
public sealed record RetrainOutcome(
    string Version,
    PromotionDecision Decision,
    ModelMetrics Candidate,
    string? ActiveVersion,
    ModelMetrics? Active,
    ModelMetrics? Baseline);
