namespace Clv.Training.Baselines;

/// <summary>
/// BG/NBD for whether and how often a customer buys, Gamma-Gamma for how much: expected spend in
/// a window = E[transactions in t] * E[value per transaction] (Fader, Hardie &amp; Lee 2005 with
/// Fader &amp; Hardie 2013, which assume frequency and value independent).
/// </summary>
public sealed class BgNbdGammaGammaBaseline(BgNbdModel transactions, GammaGammaModel value)
{
    public BgNbdModel Transactions { get; } = transactions;

    public GammaGammaModel Value { get; } = value;

    public static BgNbdGammaGammaBaseline Fit(IReadOnlyCollection<RfmSummary> customers) =>
        new(BgNbdModel.Fit(customers), GammaGammaModel.Fit(customers));

    /// <summary>Churn, spend and the spend's P10/P90 over <paramref name="horizonWeeks"/> (see <see cref="BgNbdModel.PredictWindow"/>).</summary>
    public ChurnSpendPrediction Predict(RfmSummary customer, double horizonWeeks) =>
        Transactions.PredictWindow(customer, horizonWeeks, Value.Posterior(customer));

    /// <summary>
    /// CLV = discounted expected transactions over <paramref name="clvHorizonDays"/> times the expected
    /// value (the MTL-LSTM's CLV definition: 365 days at 10% a year by default).
    /// </summary>
    public double Clv(RfmSummary customer, int clvHorizonDays, double annualDiscountRate) =>
        Transactions.DiscountedExpectedTransactions(customer, clvHorizonDays / 7.0, Math.Log(1 + annualDiscountRate) / 365)
        * Value.ExpectedTransactionValue(customer);
}
