using Clv.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Clv.Training.Baselines;

/// <summary>
/// Microsoft.ML FastTree on RFM features: a churn classifier and a spend regressor, trained on the
/// same cutoff grid as the LSTM (<see cref="CutoffGrid"/>) so every label lies inside the
/// calibration period. Single-threaded with a fixed seed, so a refit gives the same trees.
/// </summary>
public sealed class GradientBoostedBaseline
{
    private readonly MLContext _context;
    private readonly ITransformer _churn;
    private readonly ITransformer _spend;

    private GradientBoostedBaseline(MLContext context, ITransformer churn, ITransformer spend, int trainingExamples)
    {
        _context = context;
        _churn = churn;
        _spend = spend;
        TrainingExamples = trainingExamples;
    }

    public int TrainingExamples { get; }

    public static GradientBoostedBaseline Fit(IReadOnlyList<CustomerPurchaseDays> customers, DateOnly calibrationEnd, int seed = 1)
    {
        var rows = TrainingRows(customers, calibrationEnd);
        if (rows.Count == 0)
        {
            throw new ArgumentException("No customer has a purchase before a cutoff of the grid.", nameof(customers));
        }

        var context = new MLContext(seed);
        var data = context.Data.LoadFromEnumerable(rows);
        var churn = context.BinaryClassification.Trainers.FastTree(Configure(new FastTreeBinaryTrainer.Options(), nameof(RfmFeatureRow.Churned), seed)).Fit(data);
        var spend = context.Regression.Trainers.FastTree(Configure(new FastTreeRegressionTrainer.Options(), nameof(RfmFeatureRow.Spend), seed)).Fit(data);
        return new GradientBoostedBaseline(context, churn, spend, rows.Count);
    }

    /// <summary>Forecasts the window of <paramref name="horizonDays"/> days after each summary's cutoff; spend is floored at zero.</summary>
    public IReadOnlyList<ChurnSpendPrediction> Predict(IReadOnlyList<RfmSummary> customers, int horizonDays)
    {
        var data = _context.Data.LoadFromEnumerable(customers.Select(c => RfmFeatureRow.From(c, horizonDays)));
        var probabilities = _churn.Transform(data).GetColumn<float>("Probability").ToArray();
        var spend = _spend.Transform(data).GetColumn<float>("Score").ToArray();
        var predictions = new ChurnSpendPrediction[customers.Count];
        for (var i = 0; i < predictions.Length; i++)
        {
            predictions[i] = new ChurnSpendPrediction(probabilities[i], Math.Max(0.0, spend[i]));
        }

        return predictions;
    }

    // Fixed settings shared by both trees (chosen up front, never tuned on a holdout); one thread keeps a refit identical.
    private static TOptions Configure<TOptions>(TOptions options, string label, int seed)
        where TOptions : BoostedTreeOptions
    {
        options.LabelColumnName = label;
        options.FeatureColumnName = nameof(RfmFeatureRow.Features);
        options.NumberOfTrees = 100;
        options.NumberOfLeaves = 20;
        options.MinimumExampleCountPerLeaf = 50;
        options.LearningRate = 0.1;
        options.NumberOfThreads = 1;
        options.Seed = seed;
        return options;
    }

    // Features from purchase days <= tau, labels from (tau, calibrationEnd], for every cutoff of the grid.
    private static List<RfmFeatureRow> TrainingRows(IReadOnlyList<CustomerPurchaseDays> customers, DateOnly calibrationEnd)
    {
        var end = calibrationEnd.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var rows = new List<RfmFeatureRow>();
        foreach (var customer in customers)
        {
            if (customer.Days.Count == 0 || customer.Days[0] > calibrationEnd)
            {
                continue;
            }

            foreach (var cutoff in CutoffGrid.For(customer.Days[0].ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), end))
            {
                var tau = DateOnly.FromDateTime(cutoff.At);
                var summary = RfmSummary.At(customer, tau)!.Value;
                rows.Add(RfmFeatureRow.From(summary, cutoff.HorizonDays, customer.OutcomeBetween(tau, calibrationEnd)));
            }
        }

        return rows;
    }
}
