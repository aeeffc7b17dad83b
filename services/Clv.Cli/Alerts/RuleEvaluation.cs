namespace Clv.Cli.Alerts;

/// <summary>
/// How one alert rule did over the evaluation window. Precision: share of alerts followed by no purchase in the
/// next 90 days; lift: precision over the base rate (share of all customers with no purchase in the 90 days after
/// each alert's day, averaged over the alerts); lead: median days from a correct alert until the customer had been
/// silent 90 days (when the plain recency rule fires); value coverage: share of the lost customers' spend whose
/// customer got an alert.
/// </summary>
public sealed record RuleEvaluation(
    string Rule,
    string Setting,
    int Alerts,
    double AlertsPerCustomerYear,
    double Precision,
    double BaseRate,
    double Lift,
    double MedianLeadDays,
    double ValueCoverage);
