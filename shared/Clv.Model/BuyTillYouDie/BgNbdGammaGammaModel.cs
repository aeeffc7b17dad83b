using Clv.Model.Data;
using Clv.Model.Network;

namespace Clv.Model.BuyTillYouDie;

/// <summary>
/// BG/NBD + Gamma-Gamma as a model kind the scorer serves: the customer's state holds only
/// <see cref="PurchaseDayStatistics"/> (no recurrent state), and each score is the closed-form prediction of
/// <see cref="BgNbdPredictions"/>, the same code the backtest baseline predicts with. Churn is P(no purchase within
/// the horizon), spend E[transactions] x E[order value], CLV the discounted E[transactions] over the CLV horizon x
/// E[order value]. The pair gives means only: P10 and P90 are set to the mean (see docs/model.md).
/// </summary>
public sealed class BgNbdGammaGammaModel : ScoringModel
{
    private const double DaysPerWeek = 7.0;

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
        var value = BgNbdPredictions.ExpectedTransactionValue(p, q, gamma, x, purchases.MeanRepeatValue);
        var churn = BgNbdPredictions.ProbabilityNoPurchase(r, alpha, a, b, x, recency, age, horizonWeeks);
        var spend = BgNbdPredictions.ExpectedTransactions(r, alpha, a, b, x, recency, age, horizonWeeks) * value;
        var clv = BgNbdPredictions.DiscountedExpectedTransactions(
            r, alpha, a, b, x, recency, age, clvHorizonDays / DaysPerWeek, PurchaseWindow.DailyDiscount(AnnualDiscountRate)) * value;
        return new ModelScores(churn, spend, spend, spend, clv, clv, clv);
    }

    internal override void AdvanceModelPart(CustomerState state, in CustomerEvent e)
    {
        // Nothing beyond the purchase-day statistics every state keeps.
    }

    internal override ModelScores Score(CustomerState state, DateTime asOf, int horizonDays, int clvHorizonDays) =>
        Predict(state.PurchaseDays, asOf, horizonDays, clvHorizonDays);
}
