using Clv.Model.BuyTillYouDie;
using Clv.Model.Data;
using Clv.Model.Features;

namespace Clv.Model;

/// <summary>
/// One customer's state for any <see cref="ScoringModel"/>: the LSTM's (h, c) (empty for a model without
/// recurrent state), the running moments of the log order values, the purchase-day statistics BG/NBD +
/// Gamma-Gamma score from, and the time of the last event folded into them. The scorer
/// advances it by one event (<see cref="Advance"/>); after a model change it is rebuilt from the
/// rolling window (<see cref="Rebuild"/>). Both run the same step, so they agree exactly for
/// histories no longer than the window. Not thread-safe: one owner per customer.
/// </summary>
public sealed class CustomerState
{
    private OrderValueMoments _orderValues;
    private PurchaseDayStatistics _purchaseDays;

    public CustomerState(int hiddenSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hiddenSize);
        Hidden = new float[hiddenSize];
        Cell = new float[hiddenSize];
    }

    public float[] Hidden { get; }

    public float[] Cell { get; }

    public DateTime? LastEventTime { get; private set; }

    public long EventCount { get; private set; }

    /// <summary>Count, mean and squared deviations of the log order values folded in (kept per event, never rescanned).</summary>
    public OrderValueMoments OrderValues => _orderValues;

    /// <summary>Purchase days, first and last day and the day amounts (kept per event for every kind, never rescanned).</summary>
    public PurchaseDayStatistics PurchaseDays => _purchaseDays;

    /// <summary>Restores a stored state (e.g. read back from Redis); moments or statistics that no history can produce are refused.</summary>
    public void Restore(
        ReadOnlySpan<float> hidden, ReadOnlySpan<float> cell, DateTime? lastEventTime, long eventCount, OrderValueMoments orderValues, PurchaseDayStatistics purchaseDays)
    {
        if (!orderValues.IsValid)
        {
            throw new ArgumentException($"Order-value moments {orderValues} are not those of any history.", nameof(orderValues));
        }

        if (!purchaseDays.IsValid)
        {
            throw new ArgumentException($"Purchase-day statistics {purchaseDays} are not those of any history.", nameof(purchaseDays));
        }

        _orderValues = orderValues;
        _purchaseDays = purchaseDays;
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
        _purchaseDays = default;
        LastEventTime = null;
        EventCount = 0;
    }

    /// <summary>Folds one event into the state: the model's part (one LSTM step), the order-value moments, the purchase days. Allocation-free.</summary>
    public void Advance(ScoringModel model, in CustomerEvent e)
    {
        model.AdvanceModelPart(this, e);
        _orderValues.Add(e);
        _purchaseDays.Add(e);
        LastEventTime = e.Time;
        EventCount++;
    }

    /// <summary>
    /// Resets and replays the last <see cref="ScoringModel.WindowSize"/> events (all for a model without one) of
    /// <paramref name="events"/> (sorted by time); the window's first event sees the gap to the
    /// event before it when <paramref name="events"/> holds one.
    /// </summary>
    public void Rebuild(ScoringModel model, ReadOnlySpan<CustomerEvent> events)
    {
        Reset();
        var start = model.WindowSize is { } window ? Math.Max(0, events.Length - window) : 0;
        LastEventTime = start > 0 ? events[start - 1].Time : null;
        for (var i = start; i < events.Length; i++)
        {
            Advance(model, events[i]);
        }

        EventCount = events.Length;
    }

    /// <summary>Scores the state as of <paramref name="asOf"/> (recency = asOf - last event).</summary>
    public ModelScores Score(ScoringModel model, DateTime asOf, int horizonDays, int clvHorizonDays) =>
        model.Score(this, asOf, horizonDays, clvHorizonDays);

    /// <summary>The full forward pass over the window of <paramref name="events"/>, then the heads.</summary>
    public static ModelScores ScoreSequence(ScoringModel model, ReadOnlySpan<CustomerEvent> events, DateTime asOf, int horizonDays, int clvHorizonDays)
    {
        var state = new CustomerState(model.HiddenSize);
        state.Rebuild(model, events);
        return state.Score(model, asOf, horizonDays, clvHorizonDays);
    }
}
