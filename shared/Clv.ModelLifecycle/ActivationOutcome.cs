namespace Clv.ModelLifecycle;

/// <summary>What a replica did with a model version: activated it, or refused it for <see cref="Reason"/>.</summary>
public sealed record ActivationOutcome(string Version, bool Activated, string? Reason)
{
    public static ActivationOutcome Success(string version) => new(version, true, null);

    public static ActivationOutcome Refused(string version, string reason) => new(version, false, reason);
}
