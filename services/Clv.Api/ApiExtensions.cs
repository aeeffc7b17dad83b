using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Clv.Api.Customers;
using Clv.Api.Dashboard;
using Clv.Api.Feeds;
using Clv.Api.Security;
using Clv.Hosting.Redis;
using Clv.ModelLifecycle;
using Clv.Workers;
using Clv.Workers.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Clv.Api;

/// <summary>
/// The serving API's parts, for <c>Clv.Api</c> and for <c>Clv.Standalone</c>, which hosts the same API:
/// score lookups from Redis, alert and update feeds from Kafka, the dashboard page, OpenAPI, authentication
/// (off unless <c>Api:Auth:Enabled</c>), per-client rate limiting and ProblemDetails errors.
/// </summary>
public static class ApiExtensions
{
    public const string ReadPolicy = "clv-read";
    public const string RateLimitPolicy = "per-client";

    public static IHostApplicationBuilder AddClvApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.Section));
        // Topic and group names and the window as the workers read them, and their reader of stored events.
        services.AddWorkersOptions(builder.Configuration);
        services.AddTransactionParser(builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddModelStore(builder.Configuration);

        services.AddSingleton<CustomerScoreReader>();
        services.AddSingleton<ActiveModelCache>();
        services.AddSingleton<ScoreHistoryReader>();
        AddFeed(services, FeedKeys.Alerts, workers => workers.Topics.ChurnAlerts);
        AddFeed(services, FeedKeys.Updates, workers => workers.Topics.ClvUpdates);
        services.AddSingleton(provider =>
        {
            var board = ActivatorUtilities.CreateInstance<ScoreBoard>(provider);
            provider.GetRequiredKeyedService<TopicFeed>(FeedKeys.Updates).MessageReceived += board.Observe;
            return board;
        });
        services.AddSingleton<PipelineLagMonitor>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<PipelineLagMonitor>());

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddProblemDetails();
        services.AddOpenApi();
        AddSecurity(services, builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions());
        return builder;
    }

    /// <summary>
    /// For the API service's own process: StackExchange.Redis reads replies on the .NET thread pool
    /// (<see cref="RedisOptions.UseThreadPool"/>) unless <c>Redis:UseThreadPool</c> is configured. A lookup is one
    /// short command whose reply the thread pool finishes anyway; the library's dedicated reader threads added a
    /// hand-off per lookup and, paced at about 5,000 lookups/s, about a third of the service's CPU per lookup.
    /// Not in <see cref="AddClvApi"/>: the standalone's pipeline shares its connection.
    /// </summary>
    public static IHostApplicationBuilder UseThreadPoolForRedis(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration[$"{RedisOptions.Section}:{nameof(RedisOptions.UseThreadPool)}"] is null)
        {
            builder.Services.Configure<RedisOptions>(redis => redis.UseThreadPool = true);
        }

        return builder;
    }

    public static WebApplication MapClvApi(this WebApplication app)
    {
        // The board subscribes to the updates feed when first built: build it before the feeds start.
        app.Services.GetRequiredService<ScoreBoard>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var dashboard = new EmbeddedFileProvider(typeof(ApiExtensions).Assembly, "Clv.Api.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = dashboard });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = dashboard });
        var v1 = app.MapGroup("/v1");
        // With authentication off, its middleware would still run the API-key handler and an allow-all policy on every request.
        if (app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.Auth.Enabled)
        {
            app.UseAuthentication();
            app.UseAuthorization();
            v1.RequireAuthorization(ReadPolicy);
        }

        app.UseRateLimiter();
        app.MapOpenApi();
        v1.RequireRateLimiting(RateLimitPolicy)
            .MapCustomerEndpoints()
            .MapFeedEndpoints()
            .MapDashboardEndpoints();
        return app;
    }

    private static void AddFeed(IServiceCollection services, string key, Func<WorkersOptions, string> topic)
    {
        services.AddKeyedSingleton(key, (provider, _) => ActivatorUtilities.CreateInstance<TopicFeed>(provider, topic(provider.GetRequiredService<IOptions<WorkersOptions>>().Value)));
        // AddHostedService would keep only one of two feeds of the same type.
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredKeyedService<TopicFeed>(key));
    }

    private static void AddSecurity(IServiceCollection services, ApiOptions options)
    {
        var auth = options.Auth;
        AddRateLimiting(services, options);
        if (!auth.Enabled)
        {
            return;
        }

        var authentication = services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (auth.JwtAuthority is not null || auth.JwtSigningKey is not null)
        {
            authentication.AddJwtBearer(jwt =>
            {
                jwt.Authority = auth.JwtAuthority;
                jwt.Audience = auth.JwtAudience;
                jwt.MapInboundClaims = false;
                if (auth.JwtSigningKey is { } key)
                {
                    jwt.TokenValidationParameters = new TokenValidationParameters
                    {
                        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
                        ValidateIssuer = false,
                        ValidateAudience = auth.JwtAudience is not null,
                        ValidAudience = auth.JwtAudience,
                    };
                }
            });
        }

        var schemes = auth.JwtAuthority is not null || auth.JwtSigningKey is not null
            ? new[] { ApiKeyAuthenticationHandler.SchemeName, JwtBearerDefaults.AuthenticationScheme }
            : [ApiKeyAuthenticationHandler.SchemeName];
        services.AddAuthorizationBuilder().AddPolicy(ReadPolicy, policy => policy.AddAuthenticationSchemes(schemes).RequireAuthenticatedUser());
    }

    private static void AddRateLimiting(IServiceCollection services, ApiOptions options)
    {
        var permits = Math.Max(1, options.RequestsPerSecondPerClient);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetTokenBucketLimiter(
                context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = permits,
                    TokensPerPeriod = permits,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.OnRejected = async (rejected, cancellation) =>
            {
                var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = $"at most {permits} requests per second per client" },
                });
            };
        });
    }
}
