namespace Clv.Contracts.Alerts;

/// <summary>What raised a churn alert.</summary>
public enum AlertCause
{
    /// <summary>Churn probability rose by more than the configured delta in one update.</summary>
    Jump,

    /// <summary>Churn probability crossed the configured level from below.</summary>
    LevelCrossing,

    /// <summary>The recency sweeper found the customer silent past a threshold.</summary>
    Silence,
}
