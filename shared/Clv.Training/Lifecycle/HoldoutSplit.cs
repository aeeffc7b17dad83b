using Clv.Model;
using Clv.Model.BuyTillYouDie;
using Clv.Training.Baselines;
using Clv.Model.Data;
using Clv.Training.Metrics;

namespace Clv.Training.Lifecycle;

/// <summary>
/// The trainer's time-based holdout: models see events up to the end of <see cref="CalibrationEnd"/> and are
/// judged on the window (CalibrationEnd, HoldoutEnd] for every customer who bought in calibration, with the
/// labels of <c>clv backtest</c>: churned = no purchase in the window, actual spend = the window's purchases.
/// </summary>
public sealed class HoldoutSplit
{
    private readonly CustomerHistory[] _calibration;
    private readonly RfmSummary[] _summaries;
    private readonly bool[] _churned;
    private readonly double[] _spend;

    private HoldoutSplit(DateOnly calibrationEnd, DateOnly holdoutEnd, CustomerHistory[] calibration, RfmSummary[] summaries, WindowOutcome[] outcomes)
    {
        CalibrationEnd = calibrationEnd;
        HoldoutEnd = holdoutEnd;
        _calibration = calibration;
        _summaries = summaries;
        _churned = Array.ConvertAll(outcomes, o => o.Churned);
        _spend = Array.ConvertAll(outcomes, o => o.Spend);
    }

    public DateOnly CalibrationEnd { get; }

    public DateOnly HoldoutEnd { get; }

    public int HoldoutDays => HoldoutEnd.DayNumber - CalibrationEnd.DayNumber;

    /// <summary>The last instant of the calibration period: training's calibration end and the scoring time.</summary>
    public DateTime CalibrationEndTime => CalibrationEnd.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);

    /// <summary>Customers judged on the holdout (those who bought in calibration).</summary>
    public int Customers => _calibration.Length;

    public int Churned => Array.FindAll(_churned, c => c).Length;

    public static HoldoutSplit Create(IReadOnlyList<CustomerHistory> histories, DateOnly calibrationEnd, DateOnly holdoutEnd)
    {
        if (holdoutEnd <= calibrationEnd)
        {
            throw new ArgumentException($"Holdout end {holdoutEnd:yyyy-MM-dd} must be after calibration end {calibrationEnd:yyyy-MM-dd}.");
        }

        var end = calibrationEnd.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
        var calibration = new List<CustomerHistory>();
        var summaries = new List<RfmSummary>();
        var outcomes = new List<WindowOutcome>();
        foreach (var history in histories)
        {
            var days = CustomerPurchaseDays.From(history);
            if (RfmSummary.At(days, calibrationEnd) is not { } summary)
            {
                continue;
            }

            calibration.Add(new CustomerHistory(history.CustomerId, history.Events[..history.CountUpTo(end)]));
            summaries.Add(summary);
            outcomes.Add(days.OutcomeBetween(calibrationEnd, holdoutEnd));
        }

        return new HoldoutSplit(calibrationEnd, holdoutEnd, [.. calibration], [.. summaries], [.. outcomes]);
    }

    /// <summary>Scores every judged customer with the model as of the calibration end, over the holdout window.</summary>
    public ModelMetrics Evaluate(ScoringModel model)
    {
        var churn = new double[_calibration.Length];
        var spend = new double[_calibration.Length];
        Parallel.For(0, _calibration.Length, i =>
        {
            var scores = CustomerState.ScoreSequence(model, _calibration[i].Events, CalibrationEndTime, HoldoutDays, model.ClvHorizonDays);
            churn[i] = scores.ChurnProbability;
            spend[i] = scores.ExpectedSpend;
        });
        return ModelMetrics.Compute(churn, spend, _churned, _spend);
    }

    /// <summary>
    /// BG/NBD + Gamma-Gamma fitted on the calibration period's summaries as a model the scorer can serve, with the
    /// holdout's length as its churn and spend horizon (as the LSTM is trained for).
    /// </summary>
    public BgNbdGammaGammaModel FitBgNbdGammaGamma(string version, int clvHorizonDays, double annualDiscountRate, int seed)
    {
        var fitted = BgNbdGammaGammaBaseline.Fit(_summaries);
        var (r, alpha, a, b) = fitted.Transactions.Parameters;
        var (p, q, gamma) = fitted.Value.Parameters;
        var metadata = new TrainingMetadata(DateTime.UtcNow, CalibrationEndTime, _summaries.Length, 0, 0, seed, double.NaN, 0);
        return new BgNbdGammaGammaModel(version, new BuyTillYouDieParameters(r, alpha, a, b, p, q, gamma), HoldoutDays, clvHorizonDays, annualDiscountRate, metadata);
    }

    /// <summary>BG/NBD + Gamma-Gamma fitted on the calibration period, judged on the same window.</summary>
    public ModelMetrics EvaluateBgNbdGammaGamma()
    {
        var baseline = BgNbdGammaGammaBaseline.Fit(_summaries);
        var churn = new double[_summaries.Length];
        var spend = new double[_summaries.Length];
        for (var i = 0; i < _summaries.Length; i++)
        {
            var prediction = baseline.Predict(_summaries[i], HoldoutDays / 7.0);
            churn[i] = prediction.ChurnProbability;
            spend[i] = prediction.ExpectedSpend;
        }

        return ModelMetrics.Compute(churn, spend, _churned, _spend);
    }
}
