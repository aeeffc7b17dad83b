using System.IdentityModel.Tokens.Jwt;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Clv.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Clv.Api.Tests;

[Collection(nameof(ApiCollection))]
public sealed class SecurityTests(KafkaFixture kafka, RedisFixture redis)
{
    private const string SigningKey = "a-test-signing-key-of-at-least-32-bytes!";

    [Fact]
    public async Task WithAuthOn_AnApiKeyOrAValidBearerTokenIsNeeded()
    {
        await using var scenario = new ApiScenario(kafka, redis);
        await scenario.StartAsync(new Dictionary<string, string?>
        {
            ["Api:Auth:Enabled"] = "true",
            ["Api:Auth:ApiKeys:0"] = "key-one",
            ["Api:Auth:JwtSigningKey"] = SigningKey,
            ["Api:Auth:JwtAudience"] = "clv-api",
        });
        const string path = "v1/alerts";

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(scenario, path, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(scenario, path, r => r.Headers.Add("X-Api-Key", "key-two")));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(scenario, path, r => r.Headers.Add("X-Api-Key", "key-one")));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(scenario, path + "?api_key=key-one", null));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(scenario, path, Bearer(Token(SigningKey, "clv-api"))));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(scenario, path, Bearer(Token(SigningKey, "another-audience"))));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(scenario, path, Bearer(Token("some-other-key-of-at-least-32-bytes!!", "clv-api"))));
        // Health stays open for the probes.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(scenario, "health/live", null));
    }

    /// <summary>
    /// With auth off, ASP.NET Core's authentication and authorization middleware used to run anyway (the API-key
    /// handler and an allow-all policy on every lookup); now they run only when auth is on. ASP.NET Core's own
    /// metrics of authentication and authorization attempts tell.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AuthenticationAndAuthorization_RunOnRequests_OnlyWhenAuthIsOn(bool enabled)
    {
        await using var scenario = new ApiScenario(kafka, redis);
        await scenario.StartAsync(new Dictionary<string, string?>
        {
            ["Api:Auth:Enabled"] = enabled.ToString(),
            ["Api:Auth:ApiKeys:0"] = "key-one",
        });
        using var attempts = new SecurityAttempts(scenario.Services.GetRequiredService<IMeterFactory>());

        var status = await StatusAsync(scenario, "v1/alerts", r => r.Headers.Add("X-Api-Key", "key-one"));

        Assert.Equal((HttpStatusCode.OK, enabled, enabled), (status, attempts.Authentications > 0, attempts.Authorizations > 0));
    }

    [Fact]
    public async Task AClientOverItsRate_GetsTooManyRequests_AsProblemDetails()
    {
        await using var scenario = new ApiScenario(kafka, redis);
        await scenario.StartAsync(new Dictionary<string, string?> { ["Api:RequestsPerSecondPerClient"] = "2" });

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            responses.Add(await scenario.Http.GetAsync("v1/alerts"));
        }

        var rejected = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(rejected);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
    }

    private static async Task<HttpStatusCode> StatusAsync(ApiScenario scenario, string path, Action<HttpRequestMessage>? configure)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure?.Invoke(request);
        using var response = await scenario.Http.SendAsync(request);
        return response.StatusCode;
    }

    private static Action<HttpRequestMessage> Bearer(string token) => r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

    private static string Token(string key, string audience) => new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(
        issuer: "test", audience: audience, claims: [new("sub", "retention-app")], expires: DateTime.UtcNow.AddMinutes(5),
        signingCredentials: new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256)));
}
