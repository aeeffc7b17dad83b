namespace Clv.Training;

/// <summary>Per-task sums of example losses and the example count, added shard by shard.</summary>
internal struct TaskLossSums
{
    public double Churn;
    public double Spend;
    public double Clv;
    public long Examples;

    public void Add(in TaskLossSums other)
    {
        Churn += other.Churn;
        Spend += other.Spend;
        Clv += other.Clv;
        Examples += other.Examples;
    }
}
