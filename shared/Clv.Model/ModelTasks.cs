namespace Clv.Model;

/// <summary>The tasks a model is trained on; a single flag gives the single-task ablation.</summary>
[Flags]
public enum ModelTasks
{
    None = 0,
    Churn = 1,
    Spend = 2,
    Clv = 4,
    All = Churn | Spend | Clv,
}
