using Clv.Model;
using Clv.Model.Features;

namespace Clv.Workers.Tests;

/// <summary>Small deterministic models: any valid weights serve to check that streaming and offline scoring agree.</summary>
public static class TestModels
{
    public static MtlLstmModel Create(int seed = 7, string version = "test-v1") =>
        MtlLstmModel.CreateInitial(new ModelConfig(HiddenSize: 16, DenseSize: 16), FeatureStatistics.Identity, seed, version);
}
