namespace Clv.Training;

/// <summary>Mean and spread of the logs of the positive labels: the best constant lognormal for the non-zero part.</summary>
internal sealed class LogPositiveMoments
{
    private readonly RunningMoments _logPositive = new();

    public void Add(double y)
    {
        if (y > 0)
        {
            _logPositive.Add(Math.Log(y));
        }
    }

    /// <summary>Writes (location, log sigma), the location net of <paramref name="logScale"/>, which the heads add back.</summary>
    public void WriteBiases(Span<float> head, double logScale)
    {
        head[0] = (float)(_logPositive.Mean - logScale);
        head[1] = (float)Math.Log(_logPositive.Std);
    }
}
