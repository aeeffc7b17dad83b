using Clv.Contracts.Alerts;
using Clv.Workers.Options;

namespace Clv.Workers.Alerts;

/// <summary>
/// Decides whether a new churn probability is an alert: a jump above <see cref="ChurnAlertOptions.JumpDelta"/>,
/// or a crossing of <see cref="ChurnAlertOptions.Level"/> from below; a silence threshold crossing always is.
/// Nothing alerts within the per-customer cooldown after the previous alert. Times are event times (Unix ms),
/// so a replay decides exactly as the first run did.
/// </summary>
public sealed class ChurnAlertPolicy(ChurnAlertOptions options)
{
    private readonly long _cooldownMs = (long)(options.CooldownHours * 3_600_000);

    /// <summary>The alert cause for a score computed from a new event, or null. A first score has nothing to compare with.</summary>
    public AlertCause? OnEvent(bool hasPrevious, double before, double after, long lastAlertMs, long nowMs)
    {
        if (!hasPrevious || InCooldown(lastAlertMs, nowMs))
        {
            return null;
        }

        if (after - before > options.JumpDelta)
        {
            return AlertCause.Jump;
        }

        return before < options.Level && after >= options.Level ? AlertCause.LevelCrossing : null;
    }

    /// <summary>The alert cause when the sweeper finds the customer past a new silence threshold, or null in cooldown.</summary>
    public AlertCause? OnSilence(long lastAlertMs, long nowMs) => InCooldown(lastAlertMs, nowMs) ? null : AlertCause.Silence;

    private bool InCooldown(long lastAlertMs, long nowMs) => lastAlertMs != long.MinValue && nowMs - lastAlertMs < _cooldownMs;
}
