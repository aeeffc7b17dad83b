using Clv.Model.Data;
using Clv.Workers.State;

namespace Clv.Workers.Tests;

public sealed class ScoringStateCodecTests
{
    [Fact]
    public void Decode_OfEncode_RestoresEveryField()
    {
        var model = TestModels.Create();
        var state = new ScoringState("c-1", model.Config.HiddenSize) { SeqNo = 7, ModelVersion = model.Version, LastChurn = 0.42, LastAlertMs = 1234, SilenceLevel = 2, Partition = 3 };
        state.Lstm.Advance(model, new CustomerEvent(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), 12.5, false));
        var buffer = new byte[ScoringStateCodec.SizeOf(state)];
        var length = ScoringStateCodec.Encode(state, buffer);

        var decoded = new ScoringState("c-1", model.Config.HiddenSize);
        var current = ScoringStateCodec.Decode(buffer.AsSpan(0, length), decoded, model);

        Assert.True(current);
        Assert.Equal(
            (state.SeqNo, state.ModelVersion, state.LastChurn, state.LastAlertMs, state.SilenceLevel, state.Partition, state.Lstm.LastEventTime, state.Lstm.EventCount),
            (decoded.SeqNo, decoded.ModelVersion, decoded.LastChurn, decoded.LastAlertMs, decoded.SilenceLevel, decoded.Partition, decoded.Lstm.LastEventTime, decoded.Lstm.EventCount));
        Assert.Equal(state.Lstm.Hidden.Concat(state.Lstm.Cell), decoded.Lstm.Hidden.Concat(decoded.Lstm.Cell));
    }

    [Fact]
    public void Decode_OfAnotherModelsState_KeepsBookkeepingButAsksForARebuild()
    {
        var oldModel = TestModels.Create(seed: 1, version: "old");
        var state = new ScoringState("c-1", oldModel.Config.HiddenSize) { SeqNo = 3, ModelVersion = oldModel.Version, LastChurn = 0.5 };
        var buffer = new byte[ScoringStateCodec.SizeOf(state)];
        ScoringStateCodec.Encode(state, buffer);

        var decoded = new ScoringState("c-1", oldModel.Config.HiddenSize);
        var current = ScoringStateCodec.Decode(buffer, decoded, TestModels.Create(seed: 2, version: "new"));

        Assert.Equal((false, 3L, 0.5), (current, decoded.SeqNo, decoded.LastChurn));
    }
}
