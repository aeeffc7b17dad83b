using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Clv.Hosting.Health;

/// <summary>Ready only when Redis answers a PING: a scorer without its state store must not take traffic.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var roundTrip = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"PING {roundTrip.TotalMilliseconds:F1} ms");
        }
        catch (RedisException ex)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer PING", ex);
        }
    }
}
