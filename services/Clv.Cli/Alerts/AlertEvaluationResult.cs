namespace Clv.Cli.Alerts;

/// <summary>
/// The rules side by side: the MTL-LSTM alert policy as configured, the two baselines at their usual settings
/// (recency 90 days, BG/NBD P(alive) &lt; 0.3) and at the policy's alert volume; and, for the plot, each rule's
/// precision over a range of settings.
/// </summary>
public sealed record AlertEvaluationResult(
    DateOnly WindowStart,
    DateOnly WindowEnd,
    int Customers,
    string ModelVersion,
    IReadOnlyList<RuleEvaluation> Rules,
    IReadOnlyList<RuleEvaluation> Curves);
