namespace Clv.Model.Network;

/// <summary>
/// Reads the raw head outputs (see <see cref="ParameterLayout"/>), as of the last event, as answers for a
/// silence since it (<see cref="Silence"/>) and a horizon:
/// churn q(H) and the zero-inflated lognormals of spend and discounted spend whose zero mass is
/// the same q(H) (see <see cref="PurchaseWindow"/>).
/// </summary>
public static class WindowHeads
{
    private const double LowerQuantile = 0.10;
    private const double UpperQuantile = 0.90;

    /// <summary>P(inactive) and the mean rates after <paramref name="days"/> without a purchase since the event the outputs are of.</summary>
    public static Silence AfterSilence(ReadOnlySpan<float> outputs, double days) =>
        Silence.Of(outputs[ParameterLayout.InactiveLogit], outputs[ParameterLayout.LogRate], outputs[ParameterLayout.LogDropout], outputs[ParameterLayout.LogShape], days);

    /// <summary>
    /// The window over <paramref name="horizonDays"/> for a customer after <paramref name="silence"/>; counts
    /// discounted at <paramref name="dailyDiscount"/> (0 for spend).
    /// </summary>
    public static PurchaseWindow Window(ReadOnlySpan<float> outputs, in Silence silence, double horizonDays, double dailyDiscount) =>
        PurchaseWindow.Of(silence.InactiveLogit, silence.LogRate, silence.LogDropout, outputs[ParameterLayout.LogShape], horizonDays, dailyDiscount);

    /// <summary>
    /// (logit of P(value &gt; 0), mu, log sigma) of the value at <paramref name="offset"/>
    /// (<see cref="ParameterLayout.SpendOffset"/> or <see cref="ParameterLayout.ClvOffset"/>).
    /// </summary>
    public static (double Logit, double Mu, double LogSigma) Value(ReadOnlySpan<float> outputs, in PurchaseWindow window, int offset) =>
        (-window.ChurnLogit, outputs[offset] + window.LogCountGivenAny, outputs[offset + 1]);

    /// <summary>Scoring's answers <paramref name="silentDays"/> after the event, from windows without the trainer's derivatives.</summary>
    public static ModelScores Scores(ReadOnlySpan<float> outputs, double silentDays, double horizonDays, double clvHorizonDays, double dailyDiscount)
    {
        var silence = AfterSilence(outputs, silentDays);
        var window = ScoringWindow(outputs, silence, horizonDays, 0);
        var (spend, spendP10, spendP90) = Distribution(Value(outputs, window, ParameterLayout.SpendOffset));
        var (clv, clvP10, clvP90) = Distribution(Value(outputs, ScoringWindow(outputs, silence, clvHorizonDays, dailyDiscount), ParameterLayout.ClvOffset));
        return new ModelScores(window.ChurnProbability, spend, spendP10, spendP90, clv, clvP10, clvP90);
    }

    private static PurchaseWindow ScoringWindow(ReadOnlySpan<float> outputs, in Silence silence, double horizonDays, double dailyDiscount) =>
        PurchaseWindow.ForScoring(silence.InactiveLogit, silence.LogRate, silence.LogDropout, outputs[ParameterLayout.LogShape], horizonDays, dailyDiscount);

    private static (double Mean, double P10, double P90) Distribution((double Logit, double Mu, double LogSigma) d) =>
    (
        ZeroInflatedLogNormalHead.Mean(d.Logit, d.Mu, d.LogSigma),
        ZeroInflatedLogNormalHead.Quantile(d.Logit, d.Mu, d.LogSigma, LowerQuantile),
        ZeroInflatedLogNormalHead.Quantile(d.Logit, d.Mu, d.LogSigma, UpperQuantile)
    );
}
