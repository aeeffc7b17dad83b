using Clv.Model.Network;

namespace Clv.Model.Training;

/// <summary>Share of positive labels and the mean and spread of their logs: the best constant zero-inflated lognormal.</summary>
internal sealed class LogPositiveMoments
{
    private readonly RunningMoments _logPositive = new();
    private long _positives;

    public void Add(double y)
    {
        if (y > 0)
        {
            _positives++;
            _logPositive.Add(Math.Log(y));
        }
    }

    /// <summary>Writes (logit p, mu, log sigma) for <paramref name="examples"/> labels seen.</summary>
    public void WriteBiases(Span<float> head, long examples)
    {
        head[0] = BernoulliHead.Logit((double)_positives / Math.Max(1, examples));
        head[1] = (float)_logPositive.Mean;
        head[2] = (float)Math.Log(_logPositive.Std);
    }
}
