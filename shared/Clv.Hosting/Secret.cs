namespace Clv.Hosting;

/// <summary>How a secret shows in logs and ToString: whether it is set, never what it is.</summary>
public static class Secret
{
    public const string Mask = "***";

    public static string Redact(string? secret) => string.IsNullOrEmpty(secret) ? "(none)" : Mask;
}
