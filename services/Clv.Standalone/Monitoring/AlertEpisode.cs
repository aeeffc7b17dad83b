using Clv.Contracts.Alerts;

namespace Clv.Standalone.Monitoring;

/// <summary>One customer's slide toward churn as the alerts of its episode describe it: the latest alert, how many, the most at risk.</summary>
public sealed record AlertEpisode(
    string EpisodeId,
    string CustomerId,
    int Alerts,
    AlertSeverity Severity,
    double ClvAtRisk,
    double ChurnBefore,
    double ChurnAfter,
    DateTimeOffset LastAsOf,
    AlertTrigger LastTrigger)
{
    public static AlertEpisode Start(ChurnAlert alert) =>
        new(alert.EpisodeId, alert.CustomerId, 1, alert.Severity, alert.ClvAtRisk, alert.ChurnBefore, alert.ChurnAfter, alert.AsOf, alert.Trigger);

    /// <summary>The episode with one more alert: the highest severity and value at risk so far, the latest churn.</summary>
    public AlertEpisode With(ChurnAlert alert) => this with
    {
        Alerts = Alerts + 1,
        Severity = alert.Severity > Severity ? alert.Severity : Severity,
        ClvAtRisk = Math.Max(ClvAtRisk, alert.ClvAtRisk),
        ChurnAfter = alert.ChurnAfter,
        LastAsOf = alert.AsOf,
        LastTrigger = alert.Trigger,
    };
}
