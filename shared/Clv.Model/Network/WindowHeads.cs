namespace Clv.Model.Network;

/// <summary>
/// Reads the raw head outputs (see <see cref="ParameterLayout"/>) of two passes of the heads as answers for a
/// horizon: the purchase process (churn q(H), the zero mass of spend and discounted spend, and their expected count
/// given a purchase, see <see cref="PurchaseWindow"/>) from the pass at the current recency s, the value per order
/// (the lognormal's offset o3 / o5 and scale o4 / o6) from the pass as of the last event (recency 0). So between
/// events spend and CLV move only as the process's expected (discounted) purchase count moves:
/// E[spend](s) / E[spend](0) = E[count within H](s) / E[count within H](0).
/// </summary>
public static class WindowHeads
{
    private const double LowerQuantile = 0.10;
    private const double UpperQuantile = 0.90;

    /// <summary>The window over <paramref name="horizonDays"/>; counts discounted at <paramref name="dailyDiscount"/> (0 for spend).</summary>
    public static PurchaseWindow Window(ReadOnlySpan<float> outputs, double horizonDays, double dailyDiscount) =>
        PurchaseWindow.Of(outputs[ParameterLayout.InactiveLogit], outputs[ParameterLayout.LogRate], outputs[ParameterLayout.LogDropout], horizonDays, dailyDiscount);

    /// <summary>
    /// (logit of P(value &gt; 0), mu, log sigma) of the value at <paramref name="offset"/>
    /// (<see cref="ParameterLayout.SpendOffset"/> or <see cref="ParameterLayout.ClvOffset"/>): P(value &gt; 0) and the
    /// expected count given a purchase from <paramref name="window"/> (the pass at the current recency), the value per
    /// order from the outputs <paramref name="atEvent"/> of the pass as of the last event.
    /// </summary>
    public static (double Logit, double Mu, double LogSigma) Value(in PurchaseWindow window, ReadOnlySpan<float> atEvent, int offset) =>
        (-window.ChurnLogit, atEvent[offset] + window.LogCountGivenAny, atEvent[offset + 1]);

    /// <summary>
    /// Scoring's answers, from windows without the trainer's derivatives: <paramref name="outputs"/> of the pass at
    /// the current recency, <paramref name="atEvent"/> of the pass as of the last event (the same span at an event).
    /// </summary>
    public static ModelScores Scores(ReadOnlySpan<float> outputs, ReadOnlySpan<float> atEvent, double horizonDays, double clvHorizonDays, double dailyDiscount)
    {
        var window = ScoringWindow(outputs, horizonDays, 0);
        var (spend, spendP10, spendP90) = Distribution(Value(window, atEvent, ParameterLayout.SpendOffset));
        var (clv, clvP10, clvP90) = Distribution(Value(ScoringWindow(outputs, clvHorizonDays, dailyDiscount), atEvent, ParameterLayout.ClvOffset));
        return new ModelScores(window.ChurnProbability, spend, spendP10, spendP90, clv, clvP10, clvP90);
    }

    private static PurchaseWindow ScoringWindow(ReadOnlySpan<float> outputs, double horizonDays, double dailyDiscount) =>
        PurchaseWindow.ForScoring(outputs[ParameterLayout.InactiveLogit], outputs[ParameterLayout.LogRate], outputs[ParameterLayout.LogDropout], horizonDays, dailyDiscount);

    private static (double Mean, double P10, double P90) Distribution((double Logit, double Mu, double LogSigma) d) =>
    (
        ZeroInflatedLogNormalHead.Mean(d.Logit, d.Mu, d.LogSigma),
        ZeroInflatedLogNormalHead.Quantile(d.Logit, d.Mu, d.LogSigma, LowerQuantile),
        ZeroInflatedLogNormalHead.Quantile(d.Logit, d.Mu, d.LogSigma, UpperQuantile)
    );
}
