namespace Clv.Contracts.Alerts;

/// <summary>A churn-risk spike, published on <c>churn-alerts</c> keyed by customer id.</summary>
public sealed record ChurnAlert(
    string CustomerId,
    DateTimeOffset AsOf,
    string ModelVersion,
    long SeqNo,
    AlertCause Cause,
    double ChurnBefore,
    double ChurnAfter,
    double Clv,
    int SchemaVersion = SchemaVersions.ChurnAlert);
