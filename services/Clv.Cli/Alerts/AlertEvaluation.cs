using Clv.Contracts.Files;
using Clv.Model;
using Clv.Training.Baselines;
using Clv.Training.Backtesting;
using Clv.Model.Data;
using Clv.Training;

namespace Clv.Cli.Alerts;

/// <summary>
/// Runs <c>clv alerts evaluate</c>: trains the MTL-LSTM on the calibration period as the trainer does (nothing of
/// the holdout is seen by a fit), fits BG/NBD on the same period, streams the holdout through the alert policy
/// and the two baseline rules, and scores every alert against what happened next (<see cref="AlertOutcomes"/>).
/// </summary>
public static class AlertEvaluation
{
    public const string Policy = "MTL-LSTM alert policy";
    public const string Recency = "recency rule";
    public const string BgNbd = "BG/NBD P(alive)";

    private static readonly double[] CurveLevels = [0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9];
    private static readonly int[] CurveRecencyDays = [30, 45, 60, 90, 120, 150, 180, 240];
    private static readonly double[] CurveAlive = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];

    public static AlertEvaluationResult Run(AlertEvaluationOptions options, IProgress<string> progress)
    {
        var file = TransactionFileReader.Load(options.TransactionsPath, options.Format);
        var calibrationStart = options.CalibrationEnd.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var histories = CustomerHistories.FromEvents(file.Events).Where(h => h.Events.Length > 0 && h.Events[0].Time < calibrationStart).ToArray();
        var calibration = histories.Select(h => new CustomerHistory(h.CustomerId, [.. h.Events.Where(e => e.Time < calibrationStart)])).ToArray();
        progress.Report($"Read {file.Events.Count:N0} events; {histories.Length:N0} customers bought up to {options.CalibrationEnd:yyyy-MM-dd}");

        var holdoutDays = options.HoldoutEnd.DayNumber - options.CalibrationEnd.DayNumber;
        progress.Report("Training the MTL-LSTM on the calibration period");
        var calibrationEnd = options.CalibrationEnd.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
        var training = MtlLstmTrainer.Train(calibration, new TrainingOptions
        {
            CalibrationEnd = calibrationEnd,
            Tasks = ModelTasks.All,
            HorizonDays = holdoutDays,
            Seed = options.Seed,
            MaxEpochs = options.LstmMaxEpochs ?? new TrainingOptions { CalibrationEnd = calibrationEnd }.MaxEpochs,
        }, new CallbackProgress<TrainingProgress>(epoch => progress.Report($"epoch {epoch.Epoch}/{epoch.MaxEpochs}: validation loss {epoch.Validation.Objective:F4}")));

        var purchaseDays = histories.Select(CustomerPurchaseDays.From).ToArray();
        var endOfHoldout = options.HoldoutEnd;
        var spend = purchaseDays.Select(p => p.Days.Select((day, i) => day <= endOfHoldout ? p.Amounts[i] : 0).Sum()).ToArray();
        var outcomes = new AlertOutcomes([.. purchaseDays.Select(p => p.Days.ToArray())], spend, options.CalibrationEnd, options.HoldoutEnd);

        progress.Report("Fitting BG/NBD on the calibration period and evaluating P(alive) day by day");
        var bgNbd = BgNbdModel.Fit(calibration.Select(CustomerPurchaseDays.From).Select(p => RfmSummary.At(p, options.CalibrationEnd)!.Value).ToArray());
        var baselines = new BaselineAlertRules(purchaseDays, bgNbd, outcomes);
        var stream = new PolicyAlertStream(training.Model, histories, options.SilenceThresholdDays);

        progress.Report("Streaming the holdout through the alert policy");
        var policy = outcomes.Evaluate(Policy, PolicySetting(options.Policy), stream.Alerts(options.Policy, outcomes));
        // The recency rule's volume is not monotone in its days (a cohort's first purchases all reach N days of
        // silence together): every setting up to a year is tried. P(alive) only falls within a spell: bisection.
        var recencyDays = Enumerable.Range(1, 365).MinBy(d => Math.Abs(baselines.Recency(d).Count - policy.Alerts));
        var aliveBelow = EqualVolume(policy.Alerts, 1e-4, 0.9999, p => baselines.BgNbd(p).Count);
        var rules = new List<RuleEvaluation>
        {
            policy,
            outcomes.Evaluate(Recency, "90 days (usual)", baselines.Recency(90)),
            outcomes.Evaluate(BgNbd, "< 0.3 (usual)", baselines.BgNbd(0.3)),
            outcomes.Evaluate(Recency, $"{recencyDays} days (closest to the policy's volume)", baselines.Recency(recencyDays)),
            outcomes.Evaluate(BgNbd, $"< {aliveBelow:F3} (policy's volume)", baselines.BgNbd(aliveBelow)),
        };

        progress.Report("Precision against volume for the plot");
        var curves = new List<RuleEvaluation>();
        foreach (var level in CurveLevels)
        {
            var at = Copy(options.Policy, level);
            curves.Add(outcomes.Evaluate(Policy, PolicySetting(at), stream.Alerts(at, outcomes)));
        }

        curves.AddRange(CurveRecencyDays.Select(d => outcomes.Evaluate(Recency, $"{d} days", baselines.Recency(d))));
        curves.AddRange(CurveAlive.Select(p => outcomes.Evaluate(BgNbd, $"< {p}", baselines.BgNbd(p))));
        return new AlertEvaluationResult(outcomes.WindowStart, outcomes.WindowEnd, outcomes.Customers, training.Model.Version, rules, curves);
    }

    private static string PolicySetting(Workers.Options.ChurnAlertOptions p) =>
        $"level {p.Level}, margin {p.Margin}, jump {p.JumpDelta}, at most {p.MaxAlertsPerBudget} per {p.BudgetDays} days";

    private static Workers.Options.ChurnAlertOptions Copy(Workers.Options.ChurnAlertOptions p, double level) => new()
    {
        Level = level, Margin = p.Margin, JumpDelta = p.JumpDelta, MaxAlertsPerBudget = p.MaxAlertsPerBudget, BudgetDays = p.BudgetDays,
        MinClvAtRisk = p.MinClvAtRisk, MediumClvAtRisk = p.MediumClvAtRisk, HighClvAtRisk = p.HighClvAtRisk,
    };

    // The setting (volume increasing in it) whose alert count is closest to the target, by bisection.
    private static double EqualVolume(int target, double low, double high, Func<double, int> volume)
    {
        for (var i = 0; i < 40 && high - low > 1e-6; i++)
        {
            var mid = (low + high) / 2;
            if (volume(mid) < target)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return Math.Abs(volume(low) - target) <= Math.Abs(volume(high) - target) ? low : high;
    }
}
