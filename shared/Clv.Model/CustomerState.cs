using Clv.Model.Data;
using Clv.Model.Features;

namespace Clv.Model;

/// <summary>
/// One customer's LSTM state (h, c), the running moments of their log order values and the time of the
/// last event folded into them. The scorer
/// advances it by one event (<see cref="Advance"/>); after a model change it is rebuilt from the
/// rolling window (<see cref="Rebuild"/>). Both run the same step, so they agree exactly for
/// histories no longer than the window. Not thread-safe: one owner per customer.
/// </summary>
public sealed class CustomerState
{
    private OrderValueMoments _orderValues;

    public CustomerState(int hiddenSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        Hidden = new float[hiddenSize];
        Cell = new float[hiddenSize];
    }

    public float[] Hidden { get; }

    public float[] Cell { get; }

    public DateTime? LastEventTime { get; private set; }

    public long EventCount { get; private set; }

    /// <summary>Count, mean and squared deviations of the log order values folded in (kept per event, never rescanned).</summary>
    public OrderValueMoments OrderValues => _orderValues;

    /// <summary>Restores a stored state (e.g. read back from Redis); moments that no history can produce are refused.</summary>
    public void Restore(ReadOnlySpan<float> hidden, ReadOnlySpan<float> cell, DateTime? lastEventTime, long eventCount, OrderValueMoments orderValues)
    {
        if (!orderValues.IsValid)
        {
            throw new ArgumentException($"Order-value moments {orderValues} are not those of any history.", nameof(orderValues));
        }

        _orderValues = orderValues;
        hidden.CopyTo(Hidden);
        cell.CopyTo(Cell);
        LastEventTime = lastEventTime;
        EventCount = eventCount;
    }

    public void Reset()
    {
        Array.Clear(Hidden);
        Array.Clear(Cell);
        _orderValues = default;
        LastEventTime = null;
        EventCount = 0;
    }

    /// <summary>Folds one event into the state: encode, one LSTM step, the order-value moments. Allocation-free.</summary>
    public void Advance(MtlLstmModel model, in CustomerEvent e)
    {
        Span<float> x = stackalloc float[FeatureEncoder.InputSize];
        model.Encoder.Encode(e, LastEventTime, x);
        model.Step(x, Hidden, Cell);
        _orderValues.Add(e);
        LastEventTime = e.Time;
        EventCount++;
    }

    /// <summary>
    /// Resets and replays the last <see cref="ModelConfig.WindowSize"/> events of
    /// <paramref name="events"/> (sorted by time); the window's first event sees the gap to the
    /// event before it when <paramref name="events"/> holds one.
    /// </summary>
    public void Rebuild(MtlLstmModel model, ReadOnlySpan<CustomerEvent> events)
    {
        Reset();
        var start = Math.Max(0, events.Length - model.Config.WindowSize);
        LastEventTime = start > 0 ? events[start - 1].Time : null;
        for (var i = start; i < events.Length; i++)
        {
            Advance(model, events[i]);
        }

        EventCount = events.Length;
    }

    /// <summary>Scores the state as of <paramref name="asOf"/> (recency = asOf - last event).</summary>
    public ModelScores Score(MtlLstmModel model, DateTime asOf, int horizonDays, int clvHorizonDays)
    {
        var recency = LastEventTime is { } last ? FeatureEncoder.DaysBetween(last, asOf) : 0;
        return model.Predict(Hidden, _orderValues, recency, horizonDays, clvHorizonDays);
    }

    /// <summary>The full forward pass over the window of <paramref name="events"/>, then the heads.</summary>
    public static ModelScores ScoreSequence(MtlLstmModel model, ReadOnlySpan<CustomerEvent> events, DateTime asOf, int horizonDays, int clvHorizonDays)
    {
        var state = new CustomerState(model.Config.HiddenSize);
        state.Rebuild(model, events);
        return state.Score(model, asOf, horizonDays, clvHorizonDays);
    }
}
