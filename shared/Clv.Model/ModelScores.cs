namespace Clv.Model;

/// <summary>
/// The heads' answers for one customer at one instant: churn = P(no purchase within the horizon),
/// spend within the horizon (mean and P10/P90), CLV = discounted spend within the CLV horizon.
/// </summary>
public readonly record struct ModelScores(
    double ChurnProbability,
    double ExpectedSpend,
    double SpendP10,
    double SpendP90,
    double Clv,
    double ClvP10,
    double ClvP90);
