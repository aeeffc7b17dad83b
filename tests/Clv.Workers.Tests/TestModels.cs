using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Clv.Model;
using Clv.Model.Features;

namespace Clv.Workers.Tests;

/// <summary>Small deterministic models: any valid weights serve to check streamed scores against the reference.</summary>
public static class TestModels
{
    public static MtlLstmModel Create(int seed = 7, string version = "test-v1") =>
        MtlLstmModel.CreateInitial(new ModelConfig(HiddenSize: 16, DenseSize: 16), FeatureStatistics.Identity, seed, version);

    /// <summary>
    /// Changes one weight of a model in place, after it was built, as a memory fault or a bad load would: the LSTM
    /// weight from the first-event flag (input 3) to the candidate gate of unit 0 (W[3, 2H], docs/model.md).
    /// </summary>
    public static void CorruptOneWeight(MtlLstmModel model, float delta)
    {
        var gates = 4 * model.Config.HiddenSize;
        ref var first = ref MemoryMarshal.GetReference(model.Parameters);
        Unsafe.Add(ref first, (3 * gates) + (2 * model.Config.HiddenSize)) += delta;
    }
}
