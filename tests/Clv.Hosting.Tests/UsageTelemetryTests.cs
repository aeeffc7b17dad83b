using MassTransit;
using MassTransit.UsageTracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clv.Hosting.Tests;

/// <summary>
/// MassTransit 8.5 reports usage telemetry over the internet unless told not to (issue 11, finding 8). Its
/// UsageTracker reads UsageTelemetryOptions.Enabled, which the bus configurator's DisableUsageTelemetry() sets, and
/// then lets MASSTRANSIT_USAGE_TELEMETRY override it when that variable is set.
/// </summary>
public sealed class UsageTelemetryTests
{
    [Fact]
    public async Task AddClvBus_TurnsMassTransitUsageTelemetryOff()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddClvBus(new ConfigurationBuilder().Build(), _ => { });
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value;
        var tracker = Assert.IsType<UsageTracker>(provider.GetRequiredService<IUsageTracker>());

        Assert.False(options.Enabled);
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY")))
        {
            Assert.False(tracker.Enabled);
        }
    }
}
