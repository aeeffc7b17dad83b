using Clv.Contracts.Files;
using Clv.Training.Baselines;
using Clv.Model.Data;
using Clv.Training.Metrics;

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
        if (options.IncludeLstm)
        {
            var scoredHistories = scored.Select(i => calibrationHistories[i]).ToArray();
            foreach (var (model, predictions, lossCurve) in LstmBacktestModels.TrainAndPredict(calibrationHistories, scoredHistories, options, progress))
            {
                forecasts.Add(Forecast(model, predictions, outcomes, lossCurve));
            }
        }

        progress?.Report("Fitting BG/NBD and Gamma-Gamma by maximum likelihood");
        var buyTillYouDie = BgNbdGammaGammaBaseline.Fit(summaries);
        var horizonWeeks = options.HoldoutDays / 7.0;
        forecasts.Add(Forecast(ModelNames.BgNbdGammaGamma, summaries.Select(s => buyTillYouDie.Predict(s, horizonWeeks)).ToArray(), outcomes));

        progress?.Report("Training the gradient-boosted baseline (FastTree) on the cutoff grid");
        var boosted = GradientBoostedBaseline.Fit(calibrationDays, options.CalibrationEnd, options.Seed);
        forecasts.Add(Forecast(ModelNames.GradientBoosted, boosted.Predict(summaries, options.HoldoutDays), outcomes));

        return new BacktestResult(options, file.Events.Count, file.MalformedRows.Count, customerIds, outcomes, forecasts,
            buyTillYouDie.Transactions.Parameters, buyTillYouDie.Value.Parameters, boosted.TrainingExamples);
    }

    private static ModelForecast Forecast(string model, IReadOnlyList<ChurnSpendPrediction> predictions, IReadOnlyList<WindowOutcome> outcomes, IReadOnlyList<LossPoint>? lossCurve = null)
    {
        var churn = predictions.Select(p => p.ChurnProbability).ToArray();
        var spend = predictions.Select(p => p.ExpectedSpend).ToArray();
        return new ModelForecast(model, churn, spend, ModelMetrics.Compute(churn, spend, outcomes.Select(o => o.Churned).ToArray(), outcomes.Select(o => o.Spend).ToArray()), lossCurve ?? []);
    }

    // The history as it was known at the end of the calibration day.
    private static CustomerHistory UpTo(CustomerHistory history, DateOnly calibrationEnd)
    {
        var end = calibrationEnd.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return new CustomerHistory(history.CustomerId, history.Events.Where(e => e.Time < end).ToArray());
    }
}
