using Clv.Model;
using System.Numerics.Tensors;
using Clv.Model.Network;

namespace Clv.Training;

/// <summary>
/// The multi-task loss of a set of sequences, L = Σ_k w_k · mean_e L_k,e (+ Σ s_k under uncertainty
/// weighting, where w_k = exp(-s_k)), and its gradient. Sequences are cut into a fixed number of
/// shards run in parallel, each with its own gradient buffer; the buffers are summed in shard order,
/// so the result is the same whatever the thread count.
/// </summary>
internal sealed class MtlObjective
{
    // Keeps exp(-s) within [e^-6, e^6]: NLLs of densities are not bounded below, so an unbounded s could run away.
    private const float MaxLogVariance = 6;

    private readonly ParameterLayout _layout;
    private readonly ModelTasks _tasks;
    private readonly LossWeighting _weighting;
    private readonly double[] _fixedWeights;
    private readonly SequenceWorkspace[] _workspaces;
    private readonly float[][] _shardGradients;
    private readonly TaskLossSums[] _shardSums;
    private readonly ParallelOptions _parallel;

    public MtlObjective(in ParameterLayout layout, TrainingOptions options)
    {
        _layout = layout;
        _tasks = options.Tasks;
        _weighting = options.LossWeighting;
        _fixedWeights = [options.ChurnWeight, options.SpendWeight, options.ClvWeight];
        var shards = options.GradientShards;
        _workspaces = new SequenceWorkspace[shards];
        _shardGradients = new float[shards][];
        _shardSums = new TaskLossSums[shards];
        for (var s = 0; s < shards; s++)
        {
            _workspaces[s] = new SequenceWorkspace(layout, options.AnnualDiscountRate);
            _shardGradients[s] = new float[layout.Count];
        }

        _parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
    }

    /// <summary>The losses of <paramref name="sequences"/>; fills <paramref name="gradient"/> when given.</summary>
    public TaskLosses Evaluate(float[] parameters, IReadOnlyList<TrainingSequence> sequences, float[]? gradient)
    {
        long examples = 0;
        foreach (var sequence in sequences)
        {
            examples += sequence.Examples.Length;
        }

        var weights = TaskWeights(parameters);
        var scale = new double[ParameterLayout.TaskCount];
        for (var k = 0; k < scale.Length; k++)
        {
            scale[k] = examples == 0 ? 0 : weights[k] / examples;
        }

        var shards = _workspaces.Length;
        Parallel.For(0, shards, _parallel, s =>
        {
            var shardGradient = gradient is null ? Span<float>.Empty : _shardGradients[s].AsSpan();
            shardGradient.Clear();
            var sums = new TaskLossSums();
            var end = (s + 1) * sequences.Count / shards;
            for (var i = s * sequences.Count / shards; i < end; i++)
            {
                _workspaces[s].Accumulate(parameters, sequences[i], _tasks, scale, shardGradient, ref sums);
            }

            _shardSums[s] = sums;
        });

        var total = new TaskLossSums();
        foreach (var sums in _shardSums)
        {
            total.Add(sums);
        }

        double[] meanLoss = [Mean(total.Churn, total.Examples), Mean(total.Spend, total.Examples), Mean(total.Clv, total.Examples)];
        double objective = 0;
        for (var k = 0; k < meanLoss.Length; k++)
        {
            if (IsTrained(k))
            {
                objective += weights[k] * meanLoss[k];
            }
        }

        if (_weighting == LossWeighting.Uncertainty)
        {
            objective += SumOfTrainedLogVariances(parameters);
        }

        if (gradient is not null)
        {
            SumShardGradients(gradient);
            AddLogVarianceGradient(gradient, weights, meanLoss);
        }

        return new TaskLosses(
            IsTrained(0) ? meanLoss[0] : double.NaN,
            IsTrained(1) ? meanLoss[1] : double.NaN,
            IsTrained(2) ? meanLoss[2] : double.NaN,
            objective);
    }

    /// <summary>Keeps the learned log-variances in range after an optimiser step.</summary>
    public void Constrain(float[] parameters)
    {
        var logVariance = _layout.LogVariance.Of(parameters.AsSpan());
        for (var k = 0; k < logVariance.Length; k++)
        {
            logVariance[k] = Math.Clamp(logVariance[k], -MaxLogVariance, MaxLogVariance);
        }
    }

    private static double Mean(double sum, long count) => count == 0 ? 0 : sum / count;

    private bool IsTrained(int task) => ((int)_tasks & (1 << task)) != 0;

    private double[] TaskWeights(float[] parameters)
    {
        var logVariance = _layout.LogVariance.Of(parameters.AsSpan());
        var weights = new double[ParameterLayout.TaskCount];
        for (var k = 0; k < weights.Length; k++)
        {
            weights[k] = !IsTrained(k) ? 0
                : _weighting == LossWeighting.Uncertainty ? Math.Exp(-logVariance[k])
                : _fixedWeights[k];
        }

        return weights;
    }

    private double SumOfTrainedLogVariances(float[] parameters)
    {
        var logVariance = _layout.LogVariance.Of(parameters.AsSpan());
        double sum = 0;
        for (var k = 0; k < logVariance.Length; k++)
        {
            sum += IsTrained(k) ? logVariance[k] : 0;
        }

        return sum;
    }

    private void SumShardGradients(float[] gradient)
    {
        var total = gradient.AsSpan();
        _shardGradients[0].CopyTo(total);
        for (var s = 1; s < _shardGradients.Length; s++)
        {
            TensorPrimitives.Add(total, _shardGradients[s], total);
        }
    }

    // d/ds_k [exp(-s_k) L_k + s_k] = 1 - exp(-s_k) L_k; zero for fixed weights and untrained tasks.
    private void AddLogVarianceGradient(float[] gradient, double[] weights, double[] meanLoss)
    {
        var dLogVariance = _layout.LogVariance.Of(gradient.AsSpan());
        for (var k = 0; k < dLogVariance.Length; k++)
        {
            dLogVariance[k] = _weighting == LossWeighting.Uncertainty && IsTrained(k) ? (float)(1 - weights[k] * meanLoss[k]) : 0f;
        }
    }
}
