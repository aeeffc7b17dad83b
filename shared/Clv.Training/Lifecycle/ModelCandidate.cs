using Clv.Model;
using Clv.Training.Metrics;

namespace Clv.Training.Lifecycle;

/// <summary>A model the trainer built and its metrics on the trainer's time-based holdout.</summary>
public sealed record ModelCandidate(ScoringModel Model, ModelMetrics Metrics)
{
    public ModelKind Kind => Model.Kind;
}
