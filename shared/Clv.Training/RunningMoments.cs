namespace Clv.Training;

/// <summary>Mean and standard deviation in one pass (Welford 1962); std falls back to 1 when undefined.</summary>
internal sealed class RunningMoments
{
    private long _count;
    private double _mean;
    private double _sumOfSquares;

    public long Count => _count;

    public double Mean => _count == 0 ? 0 : _mean;

    public double Std
    {
        get
        {
            var std = _count < 2 ? 0 : Math.Sqrt(_sumOfSquares / (_count - 1));
            return std > 1e-9 ? std : 1;
        }
    }

    public void Add(double value)
    {
        _count++;
        var delta = value - _mean;
        _mean += delta / _count;
        _sumOfSquares += delta * (value - _mean);
    }
}
