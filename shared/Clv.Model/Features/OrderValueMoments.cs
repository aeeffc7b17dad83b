using Clv.Model.Data;

namespace Clv.Model.Features;

/// <summary>
/// A customer's running count, mean and sum of squared deviations of log order values ln(1 + amount),
/// over purchases only (a refund is not an order). Updated once per event (Welford 1962), so scoring
/// never rescans a history; <see cref="OrderValuePrior"/> shrinks them toward the population.
/// </summary>
public record struct OrderValueMoments(long Count, double Mean, double SumOfSquares)
{
    /// <summary>What a stored state must satisfy before it is trusted.</summary>
    public readonly bool IsValid => Count >= 0 && double.IsFinite(Mean) && double.IsFinite(SumOfSquares) && SumOfSquares >= 0 && (Count > 0 || (Mean == 0 && SumOfSquares == 0));

    /// <summary>Folds in one event: a purchase adds its log amount, a refund changes nothing.</summary>
    public void Add(in CustomerEvent e)
    {
        if (e.IsRefund)
        {
            return;
        }

        var value = Math.Log(1 + e.Amount);
        Count++;
        var delta = value - Mean;
        Mean += delta / Count;
        SumOfSquares += delta * (value - Mean);
    }
}
