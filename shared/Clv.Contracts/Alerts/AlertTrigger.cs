namespace Clv.Contracts.Alerts;

/// <summary>What re-scored the customer when the alert was raised (JSON: <c>event</c>, <c>silence</c>).</summary>
public enum AlertTrigger
{
    /// <summary>A new transaction of the customer.</summary>
    Event,

    /// <summary>The recency sweeper re-scored the customer at a silence threshold, without a new event.</summary>
    Silence,
}
