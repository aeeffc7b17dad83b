using Clv.Model.Data;

namespace Clv.Model.Features;

/// <summary>
/// Turns one event (and the time of the event before it) into the LSTM input x_t, and the
/// recency and the customer's order values into the heads' extra inputs. Allocation-free; thread-safe.
/// </summary>
public sealed class FeatureEncoder
{
    /// <summary>Identifies the layout below; stored in weights files so a changed layout is refused.</summary>
    public const string SchemaId = "clv-event-features/1";

    /// <summary>
    /// [0] log1p(amount) standardised, [1] refund flag, [2] log1p(days since previous) standardised
    /// (0 for the first event), [3] first-event flag, [4,5] day of week sin/cos, [6,7] month sin/cos.
    /// Category and channel are not encoded (CDNOW has neither); a new schema id would add them.
    /// </summary>
    public const int InputSize = 8;

    /// <summary>
    /// What the heads see beside h: [0] recency, [1] the shrunk mean log order value, [2] the shrunk log
    /// dispersion of order values (see <see cref="OrderValueInputs"/>).
    /// </summary>
    public const int HeadContextSize = 3;

    private const double DaysPerTick = 1.0 / TimeSpan.TicksPerDay;

    // The calendar features take few values: tables spare four sin/cos calls per event.
    private static readonly float[] DayOfWeekSin = CircleTable(7, Math.Sin);
    private static readonly float[] DayOfWeekCos = CircleTable(7, Math.Cos);
    private static readonly float[] MonthSin = CircleTable(12, Math.Sin);
    private static readonly float[] MonthCos = CircleTable(12, Math.Cos);

    private readonly double _amountMean;
    private readonly double _amountScale;
    private readonly double _gapMean;
    private readonly double _gapScale;
    private readonly double _recencyMean;
    private readonly double _recencyScale;
    private readonly double _orderValueScale;

    public FeatureEncoder(FeatureStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        if (!statistics.IsValid)
        {
            throw new ArgumentException("Feature statistics and the order-value prior must be finite with positive standard deviations and variances.", nameof(statistics));
        }

        Statistics = statistics;
        _amountMean = statistics.LogAmountMean;
        _amountScale = 1 / statistics.LogAmountStd;
        _gapMean = statistics.LogGapMean;
        _gapScale = 1 / statistics.LogGapStd;
        _recencyMean = statistics.LogRecencyMean;
        _recencyScale = 1 / statistics.LogRecencyStd;
        _orderValueScale = 1 / Math.Sqrt(statistics.OrderValues.BetweenVariance);
    }

    public FeatureStatistics Statistics { get; }

    /// <summary>Days from <paramref name="from"/> to <paramref name="to"/>, never negative.</summary>
    public static double DaysBetween(DateTime from, DateTime to) => Math.Max(0, (to.Ticks - from.Ticks) * DaysPerTick);

    public void Encode(in CustomerEvent e, DateTime? previousEventTime, Span<float> x)
    {
        if (x.Length < InputSize)
        {
            throw new ArgumentException($"Feature span needs {InputSize} elements.", nameof(x));
        }

        x[0] = (float)((Math.Log(1 + e.Amount) - _amountMean) * _amountScale);
        x[1] = e.IsRefund ? 1f : 0f;
        if (previousEventTime is { } previous)
        {
            x[2] = (float)((Math.Log(1 + DaysBetween(previous, e.Time)) - _gapMean) * _gapScale);
            x[3] = 0f;
        }
        else
        {
            x[2] = 0f;
            x[3] = 1f;
        }

        var dayOfWeek = (int)e.Time.DayOfWeek;
        x[4] = DayOfWeekSin[dayOfWeek];
        x[5] = DayOfWeekCos[dayOfWeek];
        var month = e.Time.Month - 1;
        x[6] = MonthSin[month];
        x[7] = MonthCos[month];
    }

    /// <summary>The heads' recency input: log1p(days since the last event), standardised.</summary>
    public float Recency(double daysSinceLastEvent) =>
        (float)((Math.Log(1 + Math.Max(0, daysSinceLastEvent)) - _recencyMean) * _recencyScale);

    /// <summary>The heads' inputs beside h, <see cref="HeadContextSize"/> floats.</summary>
    public void HeadContext(double daysSinceLastEvent, in OrderValueMoments orderValues, Span<float> context)
    {
        if (context.Length < HeadContextSize)
        {
            throw new ArgumentException($"Head context needs {HeadContextSize} elements.", nameof(context));
        }

        context[0] = Recency(daysSinceLastEvent);
        OrderValueInputs(orderValues, context[1..]);
    }

    /// <summary>
    /// The customer's order values as the heads see them, shrunk toward the population prior (Gamma-Gamma's
    /// idea on the log scale, weights from the count): [0] (shrunk mean - prior mean) / prior between-customer sd,
    /// [1] ½ ln(shrunk variance / prior within-customer variance). Both 0 before any purchase.
    /// </summary>
    public void OrderValueInputs(in OrderValueMoments orderValues, Span<float> inputs)
    {
        var prior = Statistics.OrderValues;
        inputs[0] = (float)((prior.ShrunkMean(orderValues) - prior.Mean) * _orderValueScale);
        inputs[1] = (float)(0.5 * Math.Log(prior.ShrunkVariance(orderValues) / prior.WithinVariance));
    }

    private static float[] CircleTable(int period, Func<double, double> function)
    {
        var table = new float[period];
        for (var i = 0; i < period; i++)
        {
            table[i] = (float)function(2 * Math.PI * i / period);
        }

        return table;
    }
}
