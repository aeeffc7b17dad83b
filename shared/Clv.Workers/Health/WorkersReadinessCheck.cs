using Clv.ModelLifecycle;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clv.Workers.Health;

/// <summary>
/// Ready only once every consume loop has partitions and makes progress (not waiting for a model or a topic, no
/// batch failing) and, for a scorer, a model is loaded; that Redis answers is Clv.Hosting's own readiness check.
/// The description says what it waits for.
/// </summary>
public sealed class WorkersReadinessCheck(WorkerReadiness readiness, ActiveModel model, WorkersReadinessRequirements requirements) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var blocked = readiness.BlockedStages();
        if (blocked.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(string.Join("; ", blocked)));
        }

        var waiting = readiness.StagesWithoutPartitions();
        if (waiting.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"no partitions assigned yet to: {string.Join(", ", waiting)}"));
        }

        return Task.FromResult(requirements.NeedsModel && !model.IsLoaded ? HealthCheckResult.Unhealthy("no model loaded") : HealthCheckResult.Healthy());
    }
}
