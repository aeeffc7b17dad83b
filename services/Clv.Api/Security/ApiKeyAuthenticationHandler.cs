using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Clv.Api.Security;

/// <summary>
/// ASP.NET Core authentication scheme for API keys: the key from header <c>X-Api-Key</c> or query
/// <c>api_key</c> (EventSource cannot set headers) is compared in constant time with the configured keys.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<ApiOptions> api)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string QueryParameter = "api_key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[Header].FirstOrDefault() ?? Request.Query[QueryParameter].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        for (var i = 0; i < api.Value.Auth.ApiKeys.Count; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(bytes, Encoding.UTF8.GetBytes(api.Value.Auth.ApiKeys[i])))
            {
                // The key's position names the client (for rate limiting and logs) without revealing the key.
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, $"api-key-{i}")], SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
    }
}
