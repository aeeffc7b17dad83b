using Clv.Model;

namespace Clv.ModelLifecycle;

/// <summary>A model that passed every check, or the reason it did not (exactly one is set).</summary>
public sealed record ModelVerification(MtlLstmModel? Model, string? Failure)
{
    public static ModelVerification Passed(MtlLstmModel model) => new(model, null);

    public static ModelVerification Failed(string reason) => new(null, reason);
}
