using Clv.Model;

namespace Clv.ModelLifecycle;

/// <summary>A model that passed every check, or the reason it did not (exactly one is set).</summary>
public sealed record ModelVerification(ScoringModel? Model, string? Failure)
{
    public static ModelVerification Passed(ScoringModel model) => new(model, null);

    public static ModelVerification Failed(string reason) => new(null, reason);
}
