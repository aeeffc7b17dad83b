using Clv.Model;
using Clv.Model.Features;

namespace Clv.Benchmarks;

/// <summary>The models the benchmarks time: random initial weights (the cost of a step does not depend on their values).</summary>
public static class BenchmarkModels
{
    public static MtlLstmModel Create(int hiddenSize) =>
        MtlLstmModel.CreateInitial(new ModelConfig(HiddenSize: hiddenSize, DenseSize: hiddenSize), FeatureStatistics.Identity, seed: 11, version: $"bench-h{hiddenSize}");
}
