namespace Clv.Contracts.Alerts;

/// <summary>
/// A churn-risk alert, published on <c>churn-alerts</c> keyed by customer id. Units and meaning of every field:
/// <c>docs/schemas/churn-alert.schema.json</c>. Consumers must ignore fields they do not know.
/// </summary>
/// <param name="AsOf">Event time of the score that raised the alert (a silence re-score: the moment the threshold was crossed).</param>
/// <param name="ChurnBefore">The customer's reference churn probability: the lowest since its previous alert (or first score).</param>
/// <param name="Threshold">The level (level crossing) or the jump (jump) that fired.</param>
/// <param name="ClvAtRisk">CLV times the rise in churn probability, <c>Clv * (ChurnAfter - ChurnBefore)</c>.</param>
/// <param name="EpisodeId">Stable for one customer's slide toward churn: the customer id and the time of the episode's first alert.</param>
public sealed record ChurnAlert(
    string CustomerId,
    DateTimeOffset AsOf,
    long SeqNo,
    AlertCause Cause,
    double ChurnBefore,
    double ChurnAfter,
    double Threshold,
    int HorizonDays,
    double DaysSinceLastPurchase,
    double Clv,
    double ClvAtRisk,
    AlertSeverity Severity,
    string ModelVersion,
    string EpisodeId,
    AlertTrigger Trigger,
    int SchemaVersion = SchemaVersions.ChurnAlert);
