using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Clv.Hosting.Health;

/// <summary>Ready only when Redis answers a PING: a scorer without its state store must not take traffic.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    /// <summary>Registered as the check's timeout: a probe must answer before the orchestrator gives up on it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // While disconnected a PING would wait in the client's backlog for seconds; the answer is already known.
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Unhealthy("not connected to Redis");
        }
        try
        {
            var roundTrip = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"PING {roundTrip.TotalMilliseconds:F1} ms");
        }
        catch (RedisException ex)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer PING", ex);
        }
    }
}
