using Clv.Model;
using Clv.Model.Features;
using Clv.Model.Network;
using Clv.Training;

namespace Clv.Model.Tests;

/// <summary>
/// Backpropagation through time and the heads against central finite differences of the same
/// objective, parameter block by parameter block. Float forward passes, so the step is large
/// (1e-2) and the tolerance is relative with a small absolute floor.
/// </summary>
public sealed class GradientCheckTests
{
    private const float Step = 1e-2f;
    private static readonly DateTime CalibrationEnd = SyntheticCustomers.Start.AddDays(200);

    [Theory]
    [InlineData("lstm.W")]
    [InlineData("lstm.U")]
    [InlineData("lstm.b")]
    [InlineData("dense.W")]
    [InlineData("dense.b")]
    [InlineData("heads.W")]
    [InlineData("heads.b")]
    [InlineData("task.logVariance")]
    public void AnalyticGradient_OfEachBlock_MatchesFiniteDifferences(string blockName)
    {
        var options = Options(ModelTasks.All, LossWeighting.Uncertainty);
        var (layout, parameters, sequences) = Problem(options);
        var block = layout.Blocks.Single(b => b.Name == blockName).Block;
        // Non-zero log-variances so the uncertainty weights differ from 1 and their gradient is not trivial.
        var logVariance = layout.LogVariance.Of(parameters.AsSpan());
        logVariance[0] = 0.3f;
        logVariance[1] = -0.2f;
        logVariance[2] = 0.5f;
        var objective = new MtlObjective(layout, options);
        var gradient = new float[layout.Count];
        objective.Evaluate(parameters, sequences, gradient);

        var checkedLarge = 0;
        for (var i = block.Offset; i < block.End; i++)
        {
            var original = parameters[i];
            parameters[i] = original + Step;
            var plus = objective.Evaluate(parameters, sequences, null).Objective;
            parameters[i] = original - Step;
            var minus = objective.Evaluate(parameters, sequences, null).Objective;
            parameters[i] = original;
            var numeric = (plus - minus) / (2 * Step);
            var analytic = gradient[i];
            Assert.True(
                Math.Abs(numeric - analytic) <= 2e-4 + 2e-2 * Math.Max(Math.Abs(numeric), Math.Abs(analytic)),
                $"{blockName}[{i - block.Offset}]: analytic {analytic}, finite difference {numeric}");
            checkedLarge += Math.Abs(numeric) > 1e-3 ? 1 : 0;
        }

        Assert.True(checkedLarge > 0, $"{blockName}: every gradient is tiny, so the check proves nothing");
    }

    [Fact]
    public void SingleTaskChurn_TrainsOnlyTheRates_LeavingSpendAndClvOutputsWithoutGradient()
    {
        var options = Options(ModelTasks.Churn, LossWeighting.Fixed);
        var (layout, parameters, sequences) = Problem(options);
        var gradient = new float[layout.Count];
        var losses = new MtlObjective(layout, options).Evaluate(parameters, sequences, gradient);

        var headW = layout.HeadW.Of(gradient.AsSpan());
        for (var m = ParameterLayout.SpendOffset; m < ParameterLayout.HeadOutputs; m++)
        {
            Assert.All(headW.Slice(m * layout.Dense, layout.Dense).ToArray(), g => Assert.Equal(0f, g));
        }

        Assert.NotEqual(0f, headW[ParameterLayout.InactiveLogit * layout.Dense]);
        Assert.NotEqual(0f, headW[ParameterLayout.LogRate * layout.Dense]);
        Assert.NotEqual(0f, headW[ParameterLayout.LogDropout * layout.Dense]);
        Assert.True(double.IsNaN(losses.Spend) && double.IsNaN(losses.Clv), "untrained tasks report no loss");
    }

    private static TrainingOptions Options(ModelTasks tasks, LossWeighting weighting) => new()
    {
        CalibrationEnd = CalibrationEnd,
        HiddenSize = 5,
        DenseSize = 4,
        WindowSize = 6,
        Tasks = tasks,
        LossWeighting = weighting,
        CutoffStepDays = 30,
        GradientShards = 2,
    };

    private static (ParameterLayout Layout, float[] Parameters, List<TrainingSequence> Sequences) Problem(TrainingOptions options)
    {
        var customers = SyntheticCustomers.Generate(12, seed: 5, CalibrationEnd);
        var statistics = TrainingSequenceBuilder.FitStatistics(customers, CalibrationEnd, options.WindowSize, options.CutoffStepDays);
        var encoder = new FeatureEncoder(statistics);
        var sequences = customers
            .Select(c => TrainingSequenceBuilder.Build(c, CalibrationEnd, options.WindowSize, options.CutoffStepDays, options.AnnualDiscountRate, encoder))
            .OfType<TrainingSequence>()
            .ToList();
        Assert.Contains(sequences, s => s.Steps > 3);
        var layout = new ParameterLayout(FeatureEncoder.InputSize, options.HiddenSize, options.DenseSize);
        var parameters = MtlLstmModel.InitialParameters(layout, seed: 3);
        // Head biases near the labels' scale, as training starts, so the spend terms are in their usual regime.
        var bias = layout.HeadB.Of(parameters.AsSpan());
        bias[ParameterLayout.InactiveLogit] = -0.5f;
        bias[ParameterLayout.LogRate] = -3f;
        bias[ParameterLayout.LogDropout] = -5f;
        bias[ParameterLayout.SpendOffset] = 3.5f;
        bias[ParameterLayout.ClvOffset] = 3.5f;
        return (layout, parameters, sequences);
    }
}
