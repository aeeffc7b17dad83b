namespace Clv.Training;

/// <summary>
/// Mean per-example negative log-likelihood of each task (NaN for a task not trained) and the
/// objective actually minimised (the weighted sum, plus Σ s_k under uncertainty weighting).
/// </summary>
public readonly record struct TaskLosses(double Churn, double Spend, double Clv, double Objective);
