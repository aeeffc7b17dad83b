using Clv.Model;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Clv.Model.Data;
using Clv.Model.Features;
using Clv.Training.Metrics;
using Clv.Model.Network;

namespace Clv.Training;

/// <summary>
/// Trains the multi-task LSTM by backpropagation through time on cutoff examples taken from
/// calibration data only (see <see cref="CutoffGrid"/>), with Adam over mini-batches of customers
/// and early stopping on held-out customers. Deterministic for a seed.
/// </summary>
public static class MtlLstmTrainer
{
    private const double DaysPerYear = 365.0;

    public static TrainingResult Train(
        IReadOnlyList<CustomerHistory> customers,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var config = options.ToModelConfig();
        config.Validate();
        var clock = Stopwatch.StartNew();
        var layout = new ParameterLayout(config.InputSize, config.HiddenSize, config.DenseSize);

        var (trainCustomers, validationCustomers) = SplitCustomers(customers, options);
        var statistics = TrainingSequenceBuilder.FitStatistics(trainCustomers, options.CalibrationEnd, options.WindowSize, options.CutoffStepDays);
        var encoder = new FeatureEncoder(statistics);
        var train = BuildSequences(trainCustomers, options, encoder);
        var validation = BuildSequences(validationCustomers, options, encoder);
        if (train.Count == 0 || validation.Count == 0)
        {
            // The data, not the caller, is at fault: too few customers with enough history to learn from.
            throw new InvalidDataException(
                $"Too little history before {options.CalibrationEnd:yyyy-MM-dd}: {train.Count} training and {validation.Count} validation customers have a cutoff at least {options.CutoffStepDays} days after their first event.");
        }

        var parameters = MtlLstmModel.InitialParameters(layout, options.Seed);
        InitializeHeadBiases(layout, parameters, train, options.AnnualDiscountRate);
        var objective = new MtlObjective(layout, options);
        var optimizer = new AdamOptimizer(layout.Count, options.LearningRate);
        var gradient = new float[layout.Count];
        var best = (float[])parameters.Clone();
        var bestObjective = double.PositiveInfinity;
        var bestEpoch = 0;
        var history = new List<EpochLosses>();
        var order = Enumerable.Range(0, train.Count).ToArray();
        var shuffle = new Random(options.Seed);
        var batch = new List<TrainingSequence>(options.BatchSize);

        for (var epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            shuffle.Shuffle(order);
            var epochLoss = new WeightedLosses();
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                batch.Clear();
                long examples = 0;
                for (var i = start; i < Math.Min(order.Length, start + options.BatchSize); i++)
                {
                    batch.Add(train[order[i]]);
                    examples += train[order[i]].Examples.Length;
                }

                epochLoss.Add(objective.Evaluate(parameters, batch, gradient), examples);
                AdamOptimizer.ClipByGlobalNorm(gradient, options.GradientClipNorm);
                optimizer.Step(parameters, gradient);
                objective.Constrain(parameters);
            }

            var validationLoss = objective.Evaluate(parameters, validation, null);
            if (validationLoss.Objective < bestObjective)
            {
                bestObjective = validationLoss.Objective;
                bestEpoch = epoch;
                Array.Copy(parameters, best, parameters.Length);
            }

            history.Add(new EpochLosses(epoch, epochLoss.Mean, validationLoss));
            progress?.Report(new TrainingProgress(epoch, options.MaxEpochs, epochLoss.Mean, validationLoss, bestEpoch, clock.Elapsed));
            if (epoch - bestEpoch >= options.Patience)
            {
                break;
            }
        }

        var metadata = new TrainingMetadata(
            DateTime.UtcNow, options.CalibrationEnd, train.Count, validation.Count, history.Count, options.Seed, bestObjective, options.CutoffStepDays);
        var model = new MtlLstmModel(options.Version ?? VersionOf(best), config, statistics, best, metadata);
        return new TrainingResult(model, history, bestEpoch, Evaluate(layout, best, validation, options), clock.Elapsed);
    }

    /// <summary>Customers with calibration history, shuffled by the seed and cut into training and validation.</summary>
    private static (List<CustomerHistory> Train, List<CustomerHistory> Validation) SplitCustomers(IReadOnlyList<CustomerHistory> customers, TrainingOptions options)
    {
        var eligible = new List<CustomerHistory>();
        foreach (var customer in customers)
        {
            if (customer.CountUpTo(options.CalibrationEnd) > 0)
            {
                eligible.Add(customer);
            }
        }

        var shuffled = eligible.ToArray();
        new Random(options.Seed).Shuffle(shuffled);
        var validationCount = (int)Math.Round(shuffled.Length * options.ValidationFraction);
        return ([.. shuffled[validationCount..]], [.. shuffled[..validationCount]]);
    }

    private static List<TrainingSequence> BuildSequences(List<CustomerHistory> customers, TrainingOptions options, FeatureEncoder encoder)
    {
        var sequences = new List<TrainingSequence>(customers.Count);
        foreach (var customer in customers)
        {
            var sequence = TrainingSequenceBuilder.Build(customer, options.CalibrationEnd, options.WindowSize, options.CutoffStepDays, options.AnnualDiscountRate, encoder);
            if (sequence is not null)
            {
                sequences.Add(sequence);
            }
        }

        return sequences;
    }

    /// <summary>
    /// Starts the heads near the constant that fits the training labels: half the churned share as
    /// P(inactive), a dropout rate of once a year, the purchase rate that then gives the churned share
    /// at the mean horizon, and the mean and spread of log spend net of the expected count. Early epochs then shape the dependence
    /// on the state rather than the level.
    /// </summary>
    private static void InitializeHeadBiases(in ParameterLayout layout, float[] parameters, List<TrainingSequence> train, double annualDiscountRate)
    {
        long examples = 0;
        long churned = 0;
        double horizonDays = 0;
        var spend = new LogPositiveMoments();
        var clv = new LogPositiveMoments();
        foreach (var sequence in train)
        {
            foreach (var example in sequence.Examples)
            {
                examples++;
                churned += example.Churned ? 1 : 0;
                horizonDays += example.HorizonDays;
                spend.Add(example.Spend);
                clv.Add(example.Clv);
            }
        }

        var churnedShare = Math.Clamp((double)churned / examples, 0.01, 0.99);
        horizonDays /= examples;
        var inactive = churnedShare / 2;
        var rate = -Math.Log((churnedShare - inactive) / (1 - inactive)) / horizonDays;
        var bias = layout.HeadB.Of(parameters.AsSpan());
        bias[ParameterLayout.InactiveLogit] = BernoulliHead.Logit(inactive);
        bias[ParameterLayout.LogRate] = (float)Math.Log(rate);
        bias[ParameterLayout.LogDropout] = (float)Math.Log(1 / DaysPerYear);
        ReadOnlySpan<float> outputs = bias;
        spend.WriteBiases(bias.Slice(ParameterLayout.SpendOffset, 2), WindowHeads.Window(outputs, horizonDays, 0).LogCountGivenAny);
        var discounted = WindowHeads.Window(outputs, horizonDays, PurchaseWindow.DailyDiscount(annualDiscountRate));
        clv.WriteBiases(bias.Slice(ParameterLayout.ClvOffset, 2), discounted.LogCountGivenAny);
    }

    private static ValidationMetrics Evaluate(in ParameterLayout layout, float[] parameters, List<TrainingSequence> validation, TrainingOptions options)
    {
        var workspace = new SequenceWorkspace(layout, options.AnnualDiscountRate);
        var churnProbabilities = new List<double>();
        var churned = new List<bool>();
        var predictedSpend = new List<double>();
        var actualSpend = new List<double>();
        foreach (var sequence in validation)
        {
            workspace.RunEncoder(parameters, sequence);
            foreach (var example in sequence.Examples)
            {
                var outputs = workspace.RunHeads(parameters, sequence, example);
                var window = WindowHeads.Window(outputs, example.HorizonDays, 0);
                churnProbabilities.Add(window.ChurnProbability);
                churned.Add(example.Churned);
                var (logit, mu, logSigma) = WindowHeads.Value(outputs, window, ParameterLayout.SpendOffset);
                predictedSpend.Add(ZeroInflatedLogNormalHead.Mean(logit, mu, logSigma));
                actualSpend.Add(example.Spend);
            }
        }

        var hasChurn = (options.Tasks & ModelTasks.Churn) != 0;
        var hasSpend = (options.Tasks & ModelTasks.Spend) != 0;
        return new ValidationMetrics(
            churned.Count,
            hasChurn ? ChurnMetrics.Auc(churnProbabilities, churned) : double.NaN,
            hasChurn ? ChurnMetrics.LogLoss(churnProbabilities, churned) : double.NaN,
            hasSpend ? SpendMetrics.MeanAbsoluteError(predictedSpend, actualSpend) : double.NaN);
    }

    private static string VersionOf(float[] parameters) =>
        "mtl-" + Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(parameters.AsSpan())))[..12];
}
