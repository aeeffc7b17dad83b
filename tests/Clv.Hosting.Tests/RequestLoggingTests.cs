using Clv.TestInfrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Clv.Hosting.Tests;

/// <summary>
/// ASP.NET Core writes several Information lines per request (request starting and finished, endpoint executing,
/// result written). At thousands of lookups a second that logging cost about a third of a lookup's CPU, so the
/// defaults keep Microsoft.AspNetCore at Warning unless the configuration asks for its requests.
/// </summary>
public sealed class RequestLoggingTests
{
    private const string AspNetCoreLevel = "Logging:LogLevel:Microsoft.AspNetCore";

    [Fact]
    public async Task ARequest_WritesNoInformationLinesFromAspNetCore()
    {
        var lines = await LinesOfOneRequestAsync(configuredLevel: null);

        Assert.DoesNotContain(lines, line => line.Contains(" Information Microsoft.AspNetCore.", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("ping handled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConfiguredLevelForAspNetCore_StillTurnsItsRequestLinesOn()
    {
        var lines = await LinesOfOneRequestAsync(configuredLevel: "Information");

        Assert.Contains(lines, line => line.Contains(" Information Microsoft.AspNetCore.Hosting.Diagnostics: Request starting", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyCollection<string>> LinesOfOneRequestAsync(string? configuredLevel)
    {
        var recorder = new RecordingLoggerProvider(LogLevel.Information);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (configuredLevel is not null)
        {
            builder.Configuration[AspNetCoreLevel] = configuredLevel;
        }

        builder.AddClvDefaults();
        builder.Logging.AddProvider(recorder);
        await using var app = builder.Build();
        app.MapGet("/ping", (ILoggerFactory logs) =>
        {
            logs.CreateLogger("Clv.Test").LogInformation("ping handled");
            return Results.Ok();
        });
        await app.StartAsync();

        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        (await http.GetAsync("/ping")).EnsureSuccessStatusCode();
        await app.StopAsync();
        return recorder.Lines;
    }
}
