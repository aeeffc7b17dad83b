using System.Diagnostics;
using Confluent.Kafka;

namespace Clv.Development.LoadHarness;

/// <summary>
/// Hands a worker its next micro-batch from its source, like a consume loop's poll: as many events as it may
/// take (saturated), or the events whose arrival time has come (paced at a fixed rate, so a late worker sees a
/// backlog and its latency counts the wait: no coordinated omission).
/// </summary>
public sealed class EventFeed(SyntheticSource source, RunWindow window, double? eventsPerSecond)
{
    private static readonly long SleepThresholdTicks = Stopwatch.Frequency / 500; // 2 ms

    private readonly double _intervalTicks = eventsPerSecond is > 0 ? Stopwatch.Frequency / eventsPerSecond.Value : 0;
    private double _nextArrival = window.StartTicks;

    /// <summary>Fills <paramref name="batch"/> with up to <paramref name="maxSize"/> events; false when the run is over.</summary>
    public bool Fill(List<ConsumeResult<string, byte[]>> batch, List<long> arrivals, int maxSize)
    {
        batch.Clear();
        arrivals.Clear();
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= window.DeadlineTicks)
            {
                return false;
            }

            if (_intervalTicks == 0)
            {
                while (batch.Count < maxSize && window.TryTake())
                {
                    batch.Add(source.Next());
                    arrivals.Add(Stopwatch.GetTimestamp());
                }

                return batch.Count > 0;
            }

            while (batch.Count < maxSize && _nextArrival <= now && window.TryTake())
            {
                batch.Add(source.Next());
                arrivals.Add((long)_nextArrival);
                _nextArrival += _intervalTicks;
            }

            if (batch.Count > 0)
            {
                return true;
            }

            if (window.Taken >= window.MaxEvents)
            {
                return false;
            }

            if (_nextArrival - now > SleepThresholdTicks)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.Yield();
            }
        }
    }
}
