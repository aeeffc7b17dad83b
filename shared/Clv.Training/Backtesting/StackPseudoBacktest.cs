using System.Diagnostics;
using Clv.Model;
using Clv.Model.Data;
using Clv.Model.Stacking;
using Clv.Training.Baselines;

namespace Clv.Training.Backtesting;

/// <summary>
/// The stack's weights from a pseudo-backtest inside the calibration period, shared by <c>clv backtest</c> and the
/// trainer: the MTL-LSTM and BG/NBD + Gamma-Gamma refitted on the events up to a pseudo cutoff, scored on the window
/// from it to the calibration end (as long as the horizon, at most half the calibration span), and
/// <see cref="StackedBlend.Fit"/> on that window's outcomes. Nothing after the calibration end is read.
/// </summary>
public static class StackPseudoBacktest
{
    public const int MinimumWindowDays = 28;

    /// <summary>
    /// Fits the weights on <paramref name="calibrationHistories"/> (every customer's events up to the end of
    /// <paramref name="calibrationEnd"/>); the pseudo LSTM trains by <paramref name="lstmTraining"/> with its calibration
    /// end and horizon moved to the pseudo cutoff and window. Null when the calibration period is too short for a
    /// window of <see cref="MinimumWindowDays"/> days.
    /// </summary>
    public static StackWeights? Fit(
        IReadOnlyList<CustomerHistory> calibrationHistories,
        DateOnly calibrationEnd,
        int horizonDays,
        TrainingOptions lstmTraining,
        IProgress<string>? progress,
        CancellationToken cancellationToken = default) =>
        FitWithDiagnostics(calibrationHistories, calibrationEnd, horizonDays, lstmTraining, progress, cancellationToken).Weights;

    /// <summary>As <see cref="Fit"/>, with how the pseudo-backtest's BG/NBD fit ended (null when skipped), for the report.</summary>
    public static (StackWeights? Weights, FitDiagnostics? BgNbdFit) FitWithDiagnostics(
        IReadOnlyList<CustomerHistory> calibrationHistories,
        DateOnly calibrationEnd,
        int horizonDays,
        TrainingOptions lstmTraining,
        IProgress<string>? progress,
        CancellationToken cancellationToken = default)
    {
        var calibrationDays = calibrationHistories.Select(CustomerPurchaseDays.From).ToArray();
        var firstDay = calibrationDays.Where(c => c.Days.Count > 0).Select(c => c.Days[0]).DefaultIfEmpty(calibrationEnd).Min();
        var window = Math.Min(horizonDays, (calibrationEnd.DayNumber - firstDay.DayNumber) / 2);
        if (window < MinimumWindowDays)
        {
            progress?.Report($"{ModelNames.Stacked}: skipped, the calibration period is too short for a pseudo-backtest window of {MinimumWindowDays} days");
            return (null, null);
        }

        var pseudoEnd = calibrationEnd.AddDays(-window);
        progress?.Report($"{ModelNames.Stacked}: pseudo-backtest inside calibration, fit up to {pseudoEnd:yyyy-MM-dd}, window ({pseudoEnd:yyyy-MM-dd}, {calibrationEnd:yyyy-MM-dd}]");
        var pseudoHistories = calibrationHistories.Select(h => UpTo(h, pseudoEnd)).ToArray();
        var pseudoDays = pseudoHistories.Select(CustomerPurchaseDays.From).ToArray();
        var scored = Enumerable.Range(0, pseudoHistories.Length).Where(i => RfmSummary.At(pseudoDays[i], pseudoEnd) is not null).ToArray();
        var summaries = scored.Select(i => RfmSummary.At(pseudoDays[i], pseudoEnd)!.Value).ToArray();
        var outcomes = scored.Select(i => calibrationDays[i].OutcomeBetween(pseudoEnd, calibrationEnd)).ToArray();

        var pseudoTraining = lstmTraining with
        {
            CalibrationEnd = pseudoEnd.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc),
            HorizonDays = window,
            Tasks = ModelTasks.All,
        };
        var (_, lstm, _) = LstmBacktestModels.TrainAndPredict(
            ModelNames.MtlLstm, pseudoHistories, scored.Select(i => pseudoHistories[i]).ToArray(), pseudoTraining, progress, cancellationToken);
        var buyTillYouDie = FitBuyTillYouDie(summaries, progress);
        var bgNbd = summaries.Select(s => buyTillYouDie.Predict(s, window / 7.0)).ToArray();
        var blend = StackedBlend.Fit(lstm, bgNbd, outcomes);
        progress?.Report(FormattableString.Invariant(
            $"{ModelNames.Stacked}: churn logit = {blend.ChurnIntercept:F3} + {blend.ChurnLstmWeight:F3} x LSTM logit + {blend.ChurnBgNbdWeight:F3} x BG/NBD logit; spend = {blend.SpendLstmWeight:F3} x LSTM + {blend.SpendBgNbdWeight:F3} x BG/NBD+GG"));
        return (blend, buyTillYouDie.Transactions.Diagnostics);
    }

    /// <summary>BG/NBD and Gamma-Gamma by maximum likelihood; each fit has a bounded budget of likelihood evaluations, and progress says how each one ended.</summary>
    public static BgNbdGammaGammaBaseline FitBuyTillYouDie(IReadOnlyCollection<RfmSummary> summaries, IProgress<string>? progress)
    {
        progress?.Report($"Fitting BG/NBD by maximum likelihood on {summaries.Count:N0} customers");
        var clock = Stopwatch.StartNew();
        var transactions = BgNbdModel.Fit(summaries);
        progress?.Report($"BG/NBD: {transactions.Diagnostics!.Describe()}, {clock.Elapsed.TotalSeconds:F1} s");

        progress?.Report($"Fitting Gamma-Gamma by maximum likelihood on {summaries.Count(GammaGammaModel.IsUsableForFit):N0} customers with repeat purchases");
        clock.Restart();
        var value = GammaGammaModel.Fit(summaries);
        progress?.Report($"Gamma-Gamma: {value.Diagnostics!.Describe()}, {clock.Elapsed.TotalSeconds:F1} s");
        return new BgNbdGammaGammaBaseline(transactions, value);
    }

    /// <summary>The history as it was known at the end of <paramref name="end"/>'s day.</summary>
    public static CustomerHistory UpTo(CustomerHistory history, DateOnly end)
    {
        var endTime = end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return new CustomerHistory(history.CustomerId, history.Events.Where(e => e.Time < endTime).ToArray());
    }
}
