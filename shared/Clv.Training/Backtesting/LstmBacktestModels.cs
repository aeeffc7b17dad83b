using Clv.Model;
using Clv.Training.Baselines;
using Clv.Model.Data;
using Clv.Training;

namespace Clv.Training.Backtesting;

/// <summary>
/// The multi-task LSTM and its single-task ablations in a backtest: each trained by
/// <see cref="MtlLstmTrainer"/> on calibration histories only (early stopping on held-out
/// calibration customers), then scored once per customer at the end of the calibration day over
/// the holdout horizon by the same forward pass the scorer uses.
/// </summary>
public static class LstmBacktestModels
{
    /// <summary>Name and tasks of each variant: the full model first, then one per task it is compared with.</summary>
    public static readonly IReadOnlyList<(string Model, ModelTasks Tasks)> Variants =
    [
        (ModelNames.MtlLstm, ModelTasks.All),
        (ModelNames.LstmChurnOnly, ModelTasks.Churn),
        (ModelNames.LstmSpendOnly, ModelTasks.Spend),
    ];

    public static IEnumerable<(string Model, MtlLstmModel Trained, ChurnSpendPrediction[] Predictions, IReadOnlyList<EpochLosses> LossCurve)> TrainAndPredict(
        IReadOnlyList<CustomerHistory> calibrationHistories,
        IReadOnlyList<CustomerHistory> scoredCustomers,
        BacktestOptions options,
        IProgress<string>? progress)
    {
        foreach (var (model, tasks) in Variants)
        {
            var (trained, predictions, lossCurve) = TrainAndPredict(model, calibrationHistories, scoredCustomers, TrainingOptions(tasks, options.CalibrationEnd, options.HoldoutDays, options), progress);
            yield return (model, trained, predictions, lossCurve);
        }
    }

    /// <summary>
    /// A backtest's training settings for <paramref name="tasks"/> on the events up to the end of
    /// <paramref name="calibrationEnd"/>, trained for <paramref name="horizonDays"/>.
    /// </summary>
    public static TrainingOptions TrainingOptions(ModelTasks tasks, DateOnly calibrationEnd, int horizonDays, BacktestOptions options)
    {
        // The end of the calibration day: events on that day are calibration events, as for the baselines.
        var asOf = calibrationEnd.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
        return new TrainingOptions
        {
            CalibrationEnd = asOf,
            Tasks = tasks,
            HorizonDays = horizonDays,
            ClvHorizonDays = options.ClvHorizonDays,
            AnnualDiscountRate = options.AnnualDiscountRate,
            Seed = options.Seed,
            MaxEpochs = options.LstmMaxEpochs ?? new TrainingOptions { CalibrationEnd = asOf }.MaxEpochs,
        };
    }

    /// <summary>
    /// Trains one variant by <paramref name="training"/> on <paramref name="histories"/> (events up to its calibration end)
    /// and forecasts its horizon after the calibration end for <paramref name="scoredCustomers"/>.
    /// </summary>
    public static (MtlLstmModel Trained, ChurnSpendPrediction[] Predictions, IReadOnlyList<EpochLosses> LossCurve) TrainAndPredict(
        string model,
        IReadOnlyList<CustomerHistory> histories,
        IReadOnlyList<CustomerHistory> scoredCustomers,
        TrainingOptions training,
        IProgress<string>? progress,
        CancellationToken cancellationToken = default)
    {
        var asOf = training.CalibrationEnd;
        var (tasks, horizonDays) = (training.Tasks, training.HorizonDays);
        progress?.Report($"Training {model} ({tasks}) on events up to {asOf:yyyy-MM-dd}");
        var result = MtlLstmTrainer.Train(histories, training, new CallbackProgress<TrainingProgress>(epoch =>
            progress?.Report($"{model} epoch {epoch.Epoch}/{epoch.MaxEpochs}: training loss {epoch.Train.Objective:F4}, validation loss {epoch.Validation.Objective:F4} (best epoch {epoch.BestEpoch}), {epoch.Elapsed.TotalSeconds:F0} s")), cancellationToken);

        var predictions = new ChurnSpendPrediction[scoredCustomers.Count];
        for (var i = 0; i < predictions.Length; i++)
        {
            var scores = CustomerState.ScoreSequence(result.Model, scoredCustomers[i].Events, asOf, horizonDays, training.ClvHorizonDays);
            var spend = (tasks & ModelTasks.Spend) != 0;
            predictions[i] = new ChurnSpendPrediction(
                (tasks & ModelTasks.Churn) != 0 ? scores.ChurnProbability : double.NaN,
                spend ? scores.ExpectedSpend : double.NaN,
                (tasks & ModelTasks.Clv) != 0 ? scores.Clv : double.NaN,
                spend ? scores.SpendP10 : double.NaN,
                spend ? scores.SpendP90 : double.NaN,
                spend ? scores.ChurnProbability : double.NaN);
        }

        progress?.Report($"{model}: best epoch {result.BestEpoch} of {result.History.Count}, trained in {result.Elapsed.TotalSeconds:F1} s");
        return (result.Model, predictions, result.History);
    }
}
