namespace Clv.Workers.Options;

/// <summary>When a churn score becomes a <c>ChurnAlert</c>, and how many a customer can get.</summary>
public sealed class ChurnAlertOptions
{
    /// <summary>Alert when churn probability crosses this level from below.</summary>
    public double Level { get; set; } = 0.8;

    /// <summary>Hysteresis: after a crossing, the level re-arms only once churn falls below <see cref="Level"/> minus this; an episode closes likewise.</summary>
    public double Margin { get; set; } = 0.1;

    /// <summary>Alert when churn probability has risen by at least this over the customer's reference (its lowest churn since its last alert).</summary>
    public double JumpDelta { get; set; } = 0.25;

    /// <summary>At most this many alerts per customer in any <see cref="BudgetDays"/> of event time.</summary>
    public int MaxAlertsPerBudget { get; set; } = 2;

    /// <summary>The budget window in days.</summary>
    public double BudgetDays { get; set; } = 30;

    /// <summary>Alerts whose CLV at risk is below this (currency units) are not published.</summary>
    public double MinClvAtRisk { get; set; }

    /// <summary>CLV at risk from which an alert is <c>medium</c>.</summary>
    public double MediumClvAtRisk { get; set; } = 20;

    /// <summary>CLV at risk from which an alert is <c>high</c>.</summary>
    public double HighClvAtRisk { get; set; } = 100;
}
