namespace Clv.Cli.Alerts;

/// <summary>One alert a rule raised in the evaluation window: whom, and on which day.</summary>
public readonly record struct EvaluatedAlert(int Customer, DateOnly Day);
