namespace Clv.Model.Network;

/// <summary>
/// Reads the raw head outputs (see <see cref="ParameterLayout"/>) as answers for a horizon:
/// churn q(H) and the zero-inflated lognormals of spend and discounted spend whose zero mass is
/// the same q(H) (see <see cref="PurchaseWindow"/>).
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
    /// (<see cref="ParameterLayout.SpendOffset"/> or <see cref="ParameterLayout.ClvOffset"/>).
    /// </summary>
    public static (double Logit, double Mu, double LogSigma) Value(ReadOnlySpan<float> outputs, in PurchaseWindow window, int offset) =>
        (-window.ChurnLogit, outputs[offset] + window.LogCountGivenAny, outputs[offset + 1]);

    /// <summary>Scoring's answers, from windows without the trainer's derivatives.</summary>
    public static ModelScores Scores(ReadOnlySpan<float> outputs, double horizonDays, double clvHorizonDays, double dailyDiscount)
    {
        var window = ScoringWindow(outputs, horizonDays, 0);
        var (spend, spendP10, spendP90) = Distribution(Value(outputs, window, ParameterLayout.SpendOffset));
        var (clv, clvP10, clvP90) = Distribution(Value(outputs, ScoringWindow(outputs, clvHorizonDays, dailyDiscount), ParameterLayout.ClvOffset));
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
