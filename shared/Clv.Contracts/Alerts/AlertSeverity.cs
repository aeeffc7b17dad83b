namespace Clv.Contracts.Alerts;

/// <summary>How much value an alert puts at risk, from the configured CLV-at-risk bands (JSON: <c>low</c>, <c>medium</c>, <c>high</c>).</summary>
public enum AlertSeverity
{
    Low,
    Medium,
    High,
}
