namespace Clv.Training;

/// <summary>An epoch's training loss: batch losses averaged with their example counts as weights.</summary>
internal sealed class WeightedLosses
{
    private double _churn;
    private double _spend;
    private double _clv;
    private double _objective;
    private long _examples;

    public TaskLosses Mean => _examples == 0
        ? new TaskLosses(double.NaN, double.NaN, double.NaN, double.NaN)
        : new TaskLosses(_churn / _examples, _spend / _examples, _clv / _examples, _objective / _examples);

    public void Add(TaskLosses batch, long examples)
    {
        _churn += batch.Churn * examples;
        _spend += batch.Spend * examples;
        _clv += batch.Clv * examples;
        _objective += batch.Objective * examples;
        _examples += examples;
    }
}
