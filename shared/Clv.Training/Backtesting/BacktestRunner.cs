using Clv.Model;
using System.Diagnostics;
using Clv.Contracts.Files;
using Clv.Training.Baselines;
using Clv.Model.Data;
using Clv.Training.Metrics;
using Clv.Training;

namespace Clv.Training.Backtesting;

/// <summary>
/// Runs a backtest: every model is fitted only on events up to the calibration end (the holdout
/// window is never seen by a fit, nor used to tune anything), then forecasts the holdout window for
/// every customer with a purchase in calibration. Labels: churned = no purchase in the window,
/// actual spend = the sum of the window's purchase amounts.
/// </summary>
public static class BacktestRunner
{
    private const int MinimumPseudoWindowDays = 28;

    public static BacktestResult Run(BacktestOptions options, IProgress<string>? progress = null)
    {
        if (options.HoldoutEnd <= options.CalibrationEnd)
        {
            throw new ArgumentException($"Holdout end {options.HoldoutEnd:yyyy-MM-dd} must be after calibration end {options.CalibrationEnd:yyyy-MM-dd}.", nameof(options));
        }

        var file = TransactionFileReader.Load(options.TransactionsPath, options.Format);
        progress?.Report($"Read {file.Events.Count:N0} events ({file.MalformedRows.Count:N0} malformed rows skipped) from {options.TransactionsPath}");

        var histories = CustomerHistories.FromEvents(file.Events);
        var calibrationHistories = histories.Select(h => UpTo(h, options.CalibrationEnd)).ToArray();
        var calibrationDays = calibrationHistories.Select(CustomerPurchaseDays.From).ToArray();
        var scored = Enumerable.Range(0, histories.Count)
            .Where(i => RfmSummary.At(calibrationDays[i], options.CalibrationEnd) is not null)
            .ToArray();
        var customerIds = scored.Select(i => histories[i].CustomerId).ToArray();
        var summaries = scored.Select(i => RfmSummary.At(calibrationDays[i], options.CalibrationEnd)!.Value).ToArray();
        var outcomes = scored.Select(i => CustomerPurchaseDays.From(histories[i]).OutcomeBetween(options.CalibrationEnd, options.HoldoutEnd)).ToArray();
        progress?.Report($"{customerIds.Length:N0} customers bought in calibration; {outcomes.Count(o => o.Churned):N0} of them bought nothing in the holdout window");

        var forecasts = new List<ModelForecast>();
        MtlLstmModel? multiTask = null;
        if (options.IncludeLstm)
        {
            var scoredHistories = scored.Select(i => calibrationHistories[i]).ToArray();
            foreach (var (model, trained, predictions, lossCurve) in LstmBacktestModels.TrainAndPredict(calibrationHistories, scoredHistories, options, progress))
            {
                forecasts.Add(Forecast(model, predictions, outcomes, lossCurve));
                multiTask = model == ModelNames.MtlLstm ? trained : multiTask;
            }
        }

        var buyTillYouDie = FitBuyTillYouDie(summaries, progress);
        var horizonWeeks = options.HoldoutDays / 7.0;
        var buyTillYouDiePredictions = summaries
            .Select(s => buyTillYouDie.Predict(s, horizonWeeks) with { Clv = buyTillYouDie.Clv(s, options.ClvHorizonDays, options.AnnualDiscountRate) })
            .ToArray();
        forecasts.Add(Forecast(ModelNames.BgNbdGammaGamma, buyTillYouDiePredictions, outcomes));

        StackedBlend? stack = null;
        FitDiagnostics? pseudoFit = null;
        if (options.IncludeLstm)
        {
            (stack, pseudoFit) = FitStackOnPseudoBacktest(calibrationHistories, calibrationDays, options, progress);
            if (stack is not null)
            {
                var lstm = forecasts.Single(f => f.Model == ModelNames.MtlLstm).Predictions;
                forecasts.Add(Forecast(ModelNames.Stacked, lstm.Select((p, i) => stack.Combine(p, buyTillYouDiePredictions[i])).ToArray(), outcomes));
            }
        }

        progress?.Report("Training the gradient-boosted baseline (FastTree) on the cutoff grid");
        var clock = Stopwatch.StartNew();
        var boosted = GradientBoostedBaseline.Fit(calibrationDays, options.CalibrationEnd, options.Seed);
        progress?.Report($"{ModelNames.GradientBoosted}: trained on {boosted.TrainingExamples:N0} examples in {clock.Elapsed.TotalSeconds:F1} s");
        forecasts.Add(Forecast(ModelNames.GradientBoosted, boosted.Predict(summaries, options.HoldoutDays), outcomes));

        return new BacktestResult(options, file.Events.Count, file.MalformedRows.Count, customerIds, outcomes, forecasts,
            buyTillYouDie.Transactions.Parameters, buyTillYouDie.Value.Parameters, boosted.TrainingExamples,
            buyTillYouDie.Transactions.Diagnostics!, buyTillYouDie.Value.Diagnostics!, stack,
            multiTask is null ? [] : CustomerTrajectories.OfTypicalCustomers(multiTask, buyTillYouDie, calibrationHistories, calibrationDays, options),
            pseudoFit);
    }

    /// <summary>
    /// The stack's weights from a pseudo-backtest inside the calibration period: the MTL-LSTM and
    /// BG/NBD + Gamma-Gamma refitted on the events up to a pseudo cutoff, scored on the window from it
    /// to the calibration end (as long as the holdout, at most half the calibration span). Nothing of
    /// the holdout is read. Null when the calibration period is too short for a window of 4 weeks. Also how that
    /// BG/NBD fit ended, for the report.
    /// </summary>
    private static (StackedBlend? Stack, FitDiagnostics? BgNbdFit) FitStackOnPseudoBacktest(IReadOnlyList<CustomerHistory> calibrationHistories, IReadOnlyList<CustomerPurchaseDays> calibrationDays, BacktestOptions options, IProgress<string>? progress)
    {
        var firstDay = calibrationDays.Where(c => c.Days.Count > 0).Select(c => c.Days[0]).DefaultIfEmpty(options.CalibrationEnd).Min();
        var window = Math.Min(options.HoldoutDays, (options.CalibrationEnd.DayNumber - firstDay.DayNumber) / 2);
        if (window < MinimumPseudoWindowDays)
        {
            progress?.Report($"{ModelNames.Stacked}: skipped, the calibration period is too short for a pseudo-backtest window of {MinimumPseudoWindowDays} days");
            return (null, null);
        }

        var pseudoEnd = options.CalibrationEnd.AddDays(-window);
        progress?.Report($"{ModelNames.Stacked}: pseudo-backtest inside calibration, fit up to {pseudoEnd:yyyy-MM-dd}, window ({pseudoEnd:yyyy-MM-dd}, {options.CalibrationEnd:yyyy-MM-dd}]");
        var pseudoHistories = calibrationHistories.Select(h => UpTo(h, pseudoEnd)).ToArray();
        var pseudoDays = pseudoHistories.Select(CustomerPurchaseDays.From).ToArray();
        var scored = Enumerable.Range(0, pseudoHistories.Length).Where(i => RfmSummary.At(pseudoDays[i], pseudoEnd) is not null).ToArray();
        var summaries = scored.Select(i => RfmSummary.At(pseudoDays[i], pseudoEnd)!.Value).ToArray();
        var outcomes = scored.Select(i => calibrationDays[i].OutcomeBetween(pseudoEnd, options.CalibrationEnd)).ToArray();

        var (_, lstm, _) = LstmBacktestModels.TrainAndPredict(ModelNames.MtlLstm, ModelTasks.All, pseudoHistories, scored.Select(i => pseudoHistories[i]).ToArray(), pseudoEnd, window, options, progress);
        var buyTillYouDie = FitBuyTillYouDie(summaries, progress);
        var bgNbd = summaries.Select(s => buyTillYouDie.Predict(s, window / 7.0)).ToArray();
        var blend = StackedBlend.Fit(lstm, bgNbd, outcomes);
        progress?.Report(FormattableString.Invariant(
            $"{ModelNames.Stacked}: churn logit = {blend.ChurnIntercept:F3} + {blend.ChurnLstmWeight:F3} x LSTM logit + {blend.ChurnBgNbdWeight:F3} x BG/NBD logit; spend = {blend.SpendLstmWeight:F3} x LSTM + {blend.SpendBgNbdWeight:F3} x BG/NBD+GG"));
        return (blend, buyTillYouDie.Transactions.Diagnostics);
    }

    // Each fit has a bounded budget of likelihood evaluations; progress says how each one ended.
    private static BgNbdGammaGammaBaseline FitBuyTillYouDie(IReadOnlyCollection<RfmSummary> summaries, IProgress<string>? progress)
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

    private static ModelForecast Forecast(string model, IReadOnlyList<ChurnSpendPrediction> predictions, IReadOnlyList<WindowOutcome> outcomes, IReadOnlyList<EpochLosses>? lossCurve = null) =>
        new(model, predictions, ModelMetrics.Compute(predictions, outcomes), lossCurve ?? []);

    // The history as it was known at the end of the calibration day.
    private static CustomerHistory UpTo(CustomerHistory history, DateOnly calibrationEnd)
    {
        var end = calibrationEnd.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return new CustomerHistory(history.CustomerId, history.Events.Where(e => e.Time < end).ToArray());
    }
}
