using Clv.Contracts.Alerts;

namespace Clv.Workers.Alerts;

/// <summary>An alert the policy decided to publish for one score: everything the message needs beyond the score itself.</summary>
public readonly record struct AlertDecision(
    AlertCause Cause,
    double ChurnBefore,
    double Threshold,
    double ClvAtRisk,
    AlertSeverity Severity,
    long EpisodeStartMs);
