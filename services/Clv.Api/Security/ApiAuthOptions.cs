namespace Clv.Api.Security;

/// <summary>
/// Who may call <c>/v1</c>: nobody is asked when <see cref="Enabled"/> is false (the standalone); otherwise an
/// API key (header <c>X-Api-Key</c>, or query <c>api_key</c> for browsers' EventSource) or a JWT bearer token.
/// </summary>
public sealed class ApiAuthOptions
{
    public bool Enabled { get; set; }

    /// <summary>Accepted API keys (secret: from a Kubernetes secret, never logged).</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>OpenID Connect authority whose signing keys validate bearer tokens.</summary>
    public string? JwtAuthority { get; set; }

    public string? JwtAudience { get; set; }

    /// <summary>Symmetric HS256 key for bearer tokens when no authority issues them (secret, at least 32 bytes).</summary>
    public string? JwtSigningKey { get; set; }

    public override string ToString() =>
        $"Enabled={Enabled}, ApiKeys={ApiKeys.Count} configured, JwtAuthority={JwtAuthority}, JwtAudience={JwtAudience}, JwtSigningKey={(JwtSigningKey is null ? "unset" : "set")}";
}
