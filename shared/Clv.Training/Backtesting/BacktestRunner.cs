using Clv.Model;
using Clv.Model.Stacking;
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
    public static BacktestResult Run(BacktestOptions options, IProgress<string>? progress = null)
    {
        if (options.HoldoutEnd <= options.CalibrationEnd)
        {
            throw new ArgumentException($"Holdout end {options.HoldoutEnd:yyyy-MM-dd} must be after calibration end {options.CalibrationEnd:yyyy-MM-dd}.", nameof(options));
        }

        var file = TransactionFileReader.Load(options.TransactionsPath, options.Format);
        progress?.Report($"Read {file.Events.Count:N0} events ({file.MalformedRows.Count:N0} malformed rows skipped) from {options.TransactionsPath}");

        var histories = CustomerHistories.FromEvents(file.Events);
        var calibrationHistories = histories.Select(h => StackPseudoBacktest.UpTo(h, options.CalibrationEnd)).ToArray();
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

        var buyTillYouDie = StackPseudoBacktest.FitBuyTillYouDie(summaries, progress);
        var horizonWeeks = options.HoldoutDays / 7.0;
        var buyTillYouDiePredictions = summaries
            .Select(s => buyTillYouDie.Predict(s, horizonWeeks) with { Clv = buyTillYouDie.Clv(s, options.ClvHorizonDays, options.AnnualDiscountRate) })
            .ToArray();
        forecasts.Add(Forecast(ModelNames.BgNbdGammaGamma, buyTillYouDiePredictions, outcomes));

        StackWeights? stack = null;
        FitDiagnostics? pseudoFit = null;
        if (options.IncludeLstm)
        {
            (stack, pseudoFit) = StackPseudoBacktest.FitWithDiagnostics(
                calibrationHistories, options.CalibrationEnd, options.HoldoutDays,
                LstmBacktestModels.TrainingOptions(ModelTasks.All, options.CalibrationEnd, options.HoldoutDays, options), progress);
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

    private static ModelForecast Forecast(string model, IReadOnlyList<ChurnSpendPrediction> predictions, IReadOnlyList<WindowOutcome> outcomes, IReadOnlyList<EpochLosses>? lossCurve = null) =>
        new(model, predictions, ModelMetrics.Compute(predictions, outcomes), lossCurve ?? []);
}
