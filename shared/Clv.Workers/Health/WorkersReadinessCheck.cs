using Clv.ModelLifecycle;
using Clv.Workers.Scoring;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clv.Workers.Health;

/// <summary>
/// Ready only once every consume loop has partitions and (for a scorer) a model is loaded; that Redis answers
/// is Clv.Hosting's own readiness check.
/// </summary>
public sealed class WorkersReadinessCheck(WorkerReadiness readiness, ActiveModel model, WorkersReadinessRequirements requirements) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var waiting = readiness.StagesWithoutPartitions();
        if (waiting.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"no partitions assigned yet to: {string.Join(", ", waiting)}"));
        }

        return Task.FromResult(requirements.NeedsModel && !model.IsLoaded ? HealthCheckResult.Unhealthy("no model loaded") : HealthCheckResult.Healthy());
    }
}
