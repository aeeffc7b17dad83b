using Clv.Model;
using Clv.Training.Metrics;
using Clv.Training;

namespace Clv.Model.Tests;

public sealed class MtlLstmTrainerTests
{
    private const int HorizonDays = 90;
    private static readonly DateTime CalibrationEnd = SyntheticCustomers.Start.AddDays(300);
    private static readonly DateTime HoldoutEnd = CalibrationEnd.AddDays(HorizonDays);

    [Fact]
    public void Train_OnSequenceDependentCustomers_BeatsConstantPredictorOnUnseenCustomers()
    {
        var training = SyntheticCustomers.Generate(600, seed: 1, CalibrationEnd);
        var result = MtlLstmTrainer.Train(training, Options() with { MaxEpochs = 12, Patience = 12 });

        var test = SyntheticCustomers.Generate(400, seed: 2, HoldoutEnd);
        var (churnProbability, churned, predictedSpend, actualSpend) = Holdout(result.Model, test);
        var baseRate = churned.Average(c => c ? 1.0 : 0.0);
        var constantLogLoss = ChurnMetrics.LogLoss(churned.Select(_ => baseRate).ToList(), churned);

        var auc = ChurnMetrics.Auc(churnProbability, churned);
        var logLoss = ChurnMetrics.LogLoss(churnProbability, churned);
        var gini = SpendMetrics.NormalizedGini(predictedSpend, actualSpend);
        Assert.True(auc > 0.75, $"churn AUC {auc:F3} (a constant scores 0.5)");
        Assert.True(logLoss < 0.85 * constantLogLoss, $"churn log loss {logLoss:F3} vs the constant's {constantLogLoss:F3}");
        Assert.True(gini > 0.5, $"spend Gini {gini:F3} (a constant scores 0)");
    }

    [Fact]
    public void Train_TwiceWithOneSeed_GivesIdenticalWeightsWhateverTheThreadCount()
    {
        var customers = SyntheticCustomers.Generate(150, seed: 4, CalibrationEnd);
        var options = Options() with { MaxEpochs = 2, LossWeighting = LossWeighting.Uncertainty };

        var first = MtlLstmTrainer.Train(customers, options with { MaxDegreeOfParallelism = 2 });
        var second = MtlLstmTrainer.Train(customers, options with { MaxDegreeOfParallelism = 1 });

        Assert.Equal(first.Model.Parameters.ToArray(), second.Model.Parameters.ToArray());
        Assert.Equal(first.Model.Version, second.Model.Version);
        Assert.Equal(first.History, second.History);
    }

    [Fact]
    public void Train_ReportsProgressAndKeepsTheBestEpochsLossHistory()
    {
        var customers = SyntheticCustomers.Generate(150, seed: 6, CalibrationEnd);
        var reports = new List<TrainingProgress>();

        var result = MtlLstmTrainer.Train(customers, Options() with { MaxEpochs = 3 }, new ListProgress(reports));

        Assert.Equal(result.History.Count, reports.Count);
        Assert.Equal(Enumerable.Range(1, reports.Count), reports.Select(r => r.Epoch));
        var best = result.History.MinBy(h => h.Validation.Objective)!;
        Assert.Equal(best.Epoch, result.BestEpoch);
        Assert.Equal(best.Validation.Objective, result.Model.Metadata.ValidationLoss);
    }

    [Fact]
    public void Train_SingleTaskSpend_ReportsNoChurnLossOrMetric()
    {
        var customers = SyntheticCustomers.Generate(150, seed: 8, CalibrationEnd);

        var result = MtlLstmTrainer.Train(customers, Options() with { MaxEpochs = 1, Tasks = ModelTasks.Spend });

        Assert.Equal(ModelTasks.Spend, result.Model.Config.Tasks);
        Assert.True(double.IsNaN(result.History[0].Train.Churn));
        Assert.True(double.IsNaN(result.Validation.ChurnAuc));
        Assert.False(double.IsNaN(result.Validation.SpendMae));
    }

    private static TrainingOptions Options() => new()
    {
        CalibrationEnd = CalibrationEnd,
        HiddenSize = 16,
        DenseSize = 16,
        BatchSize = 32,
        LearningRate = 0.01,
        ValidationFraction = 0.2,
        Seed = 11,
    };

    private static (List<double> ChurnProbability, List<bool> Churned, List<double> PredictedSpend, List<double> ActualSpend) Holdout(MtlLstmModel model, IEnumerable<Data.CustomerHistory> customers)
    {
        var churnProbability = new List<double>();
        var churned = new List<bool>();
        var predictedSpend = new List<double>();
        var actualSpend = new List<double>();
        foreach (var customer in customers)
        {
            var calibration = customer.CountUpTo(CalibrationEnd);
            if (calibration == 0)
            {
                continue;
            }

            var scores = CustomerState.ScoreSequence(model, customer.Events.AsSpan(0, calibration), CalibrationEnd, HorizonDays, HorizonDays);
            var future = customer.Events.Skip(calibration).Where(e => e.Time <= HoldoutEnd).ToList();
            churnProbability.Add(scores.ChurnProbability);
            churned.Add(future.Count == 0);
            predictedSpend.Add(scores.ExpectedSpend);
            actualSpend.Add(future.Sum(e => e.Amount));
        }

        return (churnProbability, churned, predictedSpend, actualSpend);
    }

    private sealed class ListProgress(List<TrainingProgress> reports) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => reports.Add(value);
    }
}
