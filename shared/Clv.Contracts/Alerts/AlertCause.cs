namespace Clv.Contracts.Alerts;

/// <summary>What the customer's churn probability did to raise a churn alert (JSON: <c>level_crossing</c>, <c>jump</c>).</summary>
public enum AlertCause
{
    /// <summary>Churn probability crossed the configured level from below (re-armed only after falling below level minus the margin).</summary>
    LevelCrossing,

    /// <summary>Churn probability rose by at least the jump threshold over the customer's reference level.</summary>
    Jump,
}
