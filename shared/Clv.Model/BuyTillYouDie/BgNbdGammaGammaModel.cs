using Clv.Model.Data;
using Clv.Model.Network;

namespace Clv.Model.BuyTillYouDie;

/// <summary>
/// BG/NBD + Gamma-Gamma as a model kind the scorer serves: the customer's state holds only
/// <see cref="PurchaseDayStatistics"/> (no recurrent state), and each score is the closed-form prediction of
/// <see cref="BgNbdPredictions"/>, the same code the backtest baseline predicts with. Churn is P(no purchase within
/// the horizon), spend E[transactions] x E[order value], CLV the discounted E[transactions] over the CLV horizon x
/// E[order value]. P10 and P90 of spend and CLV come from <see cref="BgNbdWindowDistribution"/>: the exact zero mass
/// (P(no purchase)) and a lognormal matched to the exact first two moments of the positive part (see docs/model.md).
/// </summary>
public sealed class BgNbdGammaGammaModel : ScoringModel
{
    private const double DaysPerWeek = 7.0;

    /// <summary>The quantiles every update carries, as the MTL-LSTM's heads give them.</summary>
    public const double LowerQuantile = 0.10;

    public const double UpperQuantile = 0.90;

    public BgNbdGammaGammaModel(
        string version, BuyTillYouDieParameters parameters, int horizonDays, int clvHorizonDays, double annualDiscountRate, TrainingMetadata metadata)
        : base(version, metadata)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        if (horizonDays < 1 || clvHorizonDays < 1)
        {
            throw new ArgumentException("Horizons must be at least one day.");
        }

        if (!(annualDiscountRate >= 0) || !double.IsFinite(annualDiscountRate))
        {
            throw new ArgumentOutOfRangeException(nameof(annualDiscountRate), annualDiscountRate, "Discount rate must be finite and non-negative.");
        }

        Parameters = parameters;
        HorizonDays = horizonDays;
        ClvHorizonDays = clvHorizonDays;
        AnnualDiscountRate = annualDiscountRate;
    }

    public BuyTillYouDieParameters Parameters { get; }

    public override ModelKind Kind => ModelKind.BgNbdGammaGamma;

    public override int HiddenSize => 0;

    /// <summary>None: a rebuild folds every event of the rolling window into the statistics.</summary>
    public override int? WindowSize => null;

    public override int HorizonDays { get; }

    public override int ClvHorizonDays { get; }

    public override double AnnualDiscountRate { get; }

    /// <summary>The scores of a customer with <paramref name="purchases"/> as of <paramref name="asOf"/>. Allocation-free.</summary>
    public ModelScores Predict(in PurchaseDayStatistics purchases, DateTime asOf, int horizonDays, int clvHorizonDays)
    {
        var (r, alpha, a, b, p, q, gamma) = Parameters;
        var x = purchases.Frequency;
        var recency = purchases.RecencyWeeks;
        var age = purchases.AgeWeeks(asOf);
        var horizonWeeks = horizonDays / DaysPerWeek;
        var value = OrderValuePosterior.After(p, q, gamma, x, x * purchases.MeanRepeatValue);
        var orderValue = value.Mean;
        var churn = BgNbdPredictions.ProbabilityNoPurchase(r, alpha, a, b, x, recency, age, horizonWeeks);
        var spend = BgNbdPredictions.ExpectedTransactions(r, alpha, a, b, x, recency, age, horizonWeeks) * orderValue;
        var spendDistribution = BgNbdWindowDistribution.WindowValue(r, alpha, a, b, x, recency, age, horizonWeeks, 0, churn, spend, value);

        var clvWeeks = clvHorizonDays / DaysPerWeek;
        var dailyDiscount = PurchaseWindow.DailyDiscount(AnnualDiscountRate);
        var clv = BgNbdPredictions.DiscountedExpectedTransactions(r, alpha, a, b, x, recency, age, clvWeeks, dailyDiscount) * orderValue;
        var clvDistribution = BgNbdWindowDistribution.WindowValue(
            r, alpha, a, b, x, recency, age, clvWeeks, DaysPerWeek * dailyDiscount,
            BgNbdPredictions.ProbabilityNoPurchase(r, alpha, a, b, x, recency, age, clvWeeks), clv, value);
        return new ModelScores(
            churn, spend, spendDistribution.Quantile(LowerQuantile), spendDistribution.Quantile(UpperQuantile),
            clv, clvDistribution.Quantile(LowerQuantile), clvDistribution.Quantile(UpperQuantile));
    }

    internal override void AdvanceModelPart(CustomerState state, in CustomerEvent e)
    {
        // Nothing beyond the purchase-day statistics every state keeps.
    }

    internal override ModelScores Score(CustomerState state, DateTime asOf, int horizonDays, int clvHorizonDays) =>
        Predict(state.PurchaseDays, asOf, horizonDays, clvHorizonDays);
}
