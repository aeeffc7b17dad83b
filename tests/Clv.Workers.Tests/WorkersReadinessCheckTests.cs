using Clv.ModelLifecycle;
using Clv.Workers.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clv.Workers.Tests;

public sealed class WorkersReadinessCheckTests
{
    [Fact]
    public async Task Readiness_WaitsForPartitionsAndAModel()
    {
        var readiness = new WorkerReadiness();
        readiness.Expect("scorer");
        var model = new ActiveModel();
        var check = new WorkersReadinessCheck(readiness, model, new WorkersReadinessRequirements { NeedsModel = true });

        var before = (await check.CheckHealthAsync(new HealthCheckContext())).Status;
        readiness.PartitionsAssigned("scorer", true);
        var withoutModel = (await check.CheckHealthAsync(new HealthCheckContext())).Status;
        model.Swap(TestModels.Create());
        var ready = (await check.CheckHealthAsync(new HealthCheckContext())).Status;

        Assert.Equal([HealthStatus.Unhealthy, HealthStatus.Unhealthy, HealthStatus.Healthy], [before, withoutModel, ready]);
    }
}
