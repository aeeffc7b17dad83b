using System.Buffers.Binary;
using System.Text;
using Clv.Model;
using Clv.Model.BuyTillYouDie;
using Clv.Model.Data;
using Clv.Workers.State;

namespace Clv.Workers.Tests;

public sealed class ScoringStateCodecTests
{
    [Fact]
    public void Decode_OfEncode_RestoresEveryField()
    {
        var model = TestModels.Create();
        var state = new ScoringState("c-1", model.Config.HiddenSize)
        {
            SeqNo = 7, ModelVersion = model.Version, LastChurn = 0.42, ReferenceChurn = 0.31, LevelArmed = false,
            EpisodeStartMs = 1234, EpisodeOpenChurn = 0.81, SilenceLevel = 2, Partition = 3,
        };
        state.AlertTimesMs.AddRange([1234, 5678]);
        state.Lstm.Advance(model, new CustomerEvent(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), 12.5, false));
        state.Lstm.Advance(model, new CustomerEvent(new DateTime(2024, 3, 9, 0, 0, 0, DateTimeKind.Utc), 40, false));
        var buffer = new byte[ScoringStateCodec.SizeOf(state)];
        var length = ScoringStateCodec.Encode(state, buffer);

        var decoded = new ScoringState("c-1", model.Config.HiddenSize);
        var current = ScoringStateCodec.Decode(buffer.AsSpan(0, length), decoded, model);

        Assert.True(current);
        Assert.Equal(buffer.Length, length);
        Assert.Equal(
            (state.SeqNo, state.ModelVersion, state.LastChurn, state.ReferenceChurn, state.LevelArmed, state.EpisodeStartMs, state.EpisodeOpenChurn, state.SilenceLevel, state.Partition, state.Lstm.LastEventTime, state.Lstm.EventCount),
            (decoded.SeqNo, decoded.ModelVersion, decoded.LastChurn, decoded.ReferenceChurn, decoded.LevelArmed, decoded.EpisodeStartMs, decoded.EpisodeOpenChurn, decoded.SilenceLevel, decoded.Partition, decoded.Lstm.LastEventTime, decoded.Lstm.EventCount));
        Assert.Equal([1234L, 5678], decoded.AlertTimesMs);
        Assert.Equal(state.Lstm.Hidden.Concat(state.Lstm.Cell), decoded.Lstm.Hidden.Concat(decoded.Lstm.Cell));
        Assert.Equal((2L, (Math.Log(13.5) + Math.Log(41)) / 2), (decoded.Lstm.OrderValues.Count, decoded.Lstm.OrderValues.Mean));
        Assert.Equal(state.Lstm.OrderValues, decoded.Lstm.OrderValues);
    }

    [Fact]
    public void Decode_OfAFormat2State_KeepsItsBookkeepingButRefusesItsModelStateWithoutOrderValues()
    {
        // Format 2 as an earlier release wrote it: format 3 without the 24 bytes of order-value moments between the
        // alert times and the hidden size (format 4 then adds 28 bytes of purchase-day statistics after them).
        var model = TestModels.Create();
        var state = new ScoringState("c-1", model.Config.HiddenSize) { SeqNo = 4, ModelVersion = model.Version, LastChurn = 0.3, SilenceLevel = 2 };
        state.AlertTimesMs.Add(99);
        state.Lstm.Advance(model, new CustomerEvent(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), 12.5, false));
        var buffer = new byte[ScoringStateCodec.SizeOf(state)];
        ScoringStateCodec.Encode(state, buffer);
        var momentsAt = 69 + Encoding.UTF8.GetByteCount(model.Version) + 8;
        byte[] format2 = [2, .. buffer[1..momentsAt], .. buffer[(momentsAt + 24 + 28)..]];

        var decoded = new ScoringState("c-1", model.Config.HiddenSize);
        var current = ScoringStateCodec.Decode(format2, decoded, model);

        Assert.Equal((false, 4L, 0.3, 2, 99L), (current, decoded.SeqNo, decoded.LastChurn, decoded.SilenceLevel, decoded.AlertTimesMs.Single()));
        Assert.Equal(0, decoded.Lstm.OrderValues.Count);
    }

    [Theory]
    [InlineData(-1, 0, 0)]
    [InlineData(2, double.NaN, 0)]
    [InlineData(2, 3, -1)]
    [InlineData(0, 3, 0)]
    public void Decode_OfOrderValueMomentsNoHistoryCanProduce_IsAFormatError(long count, double mean, double squares)
    {
        var model = TestModels.Create();
        var state = new ScoringState("c-1", model.Config.HiddenSize) { ModelVersion = model.Version };
        var buffer = new byte[ScoringStateCodec.SizeOf(state)];
        ScoringStateCodec.Encode(state, buffer);
        var momentsAt = 69 + Encoding.UTF8.GetByteCount(model.Version);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(momentsAt), count);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(momentsAt + 8), mean);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(momentsAt + 16), squares);

        var error = Assert.Throws<FormatException>(() => ScoringStateCodec.Decode(buffer, new ScoringState("c-1", model.Config.HiddenSize), model));
        Assert.Contains("order-value moments", error.Message);
    }

    [Fact]
    public void Decode_OfAFormat3State_KeepsItsBookkeepingButRefusesItsModelStateWithoutPurchaseDays()
    {
        // Format 3 as the previous release wrote it: format 4 without the 28 bytes of purchase-day statistics
        // between the order-value moments and the hidden size.
        var model = TestModels.Create();
        var state = new ScoringState("c-1", model.Config.HiddenSize) { SeqNo = 4, ModelVersion = model.Version, LastChurn = 0.3, SilenceLevel = 2 };
        state.Lstm.Advance(model, new CustomerEvent(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), 12.5, false));
        var buffer = new byte[ScoringStateCodec.SizeOf(state)];
        ScoringStateCodec.Encode(state, buffer);
        var purchaseDaysAt = 69 + Encoding.UTF8.GetByteCount(model.Version) + 24;
        byte[] format3 = [3, .. buffer[1..purchaseDaysAt], .. buffer[(purchaseDaysAt + 28)..]];

        var decoded = new ScoringState("c-1", model.Config.HiddenSize);
        var current = ScoringStateCodec.Decode(format3, decoded, model);

        Assert.Equal((false, 4L, 0.3, 2), (current, decoded.SeqNo, decoded.LastChurn, decoded.SilenceLevel));
        Assert.Equal(default, decoded.Lstm.PurchaseDays);
    }

    [Fact]
    public void Decode_OfABgNbdState_RestoresItsPurchaseDaysWithoutRecurrentState()
    {
        var model = new BgNbdGammaGammaModel("btyd-1", new BuyTillYouDieParameters(0.24, 4.4, 0.79, 2.4, 6.2, 3.7, 15), 273, 365, 0.1, TrainingMetadata.Untrained);
        var state = new ScoringState("c-1", model.HiddenSize) { SeqNo = 3, ModelVersion = model.Version };
        foreach (var (day, amount) in (ReadOnlySpan<(int, double)>)[(1, 10), (1, 5), (8, 20), (15, 40)])
        {
            state.Lstm.Advance(model, new CustomerEvent(new DateTime(2024, 3, day, 10, 0, 0, DateTimeKind.Utc), amount, false));
        }

        var buffer = new byte[ScoringStateCodec.SizeOf(state)];
        var length = ScoringStateCodec.Encode(state, buffer);
        var decoded = new ScoringState("c-1", model.HiddenSize);

        Assert.True(ScoringStateCodec.Decode(buffer.AsSpan(0, length), decoded, model));
        Assert.Equal((2, 2.0, 30.0, 15.0), (decoded.Lstm.PurchaseDays.Frequency, decoded.Lstm.PurchaseDays.RecencyWeeks, decoded.Lstm.PurchaseDays.MeanRepeatValue, decoded.Lstm.PurchaseDays.FirstDayValue));
        Assert.Empty(decoded.Lstm.Hidden);
    }

    [Fact]
    public void Decode_OfAnLstmStateForABgNbdModel_AsksForARebuild()
    {
        var lstm = TestModels.Create();
        var state = new ScoringState("c-1", lstm.Config.HiddenSize) { SeqNo = 2, ModelVersion = lstm.Version };
        state.Lstm.Advance(lstm, new CustomerEvent(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), 12.5, false));
        var buffer = new byte[ScoringStateCodec.SizeOf(state)];
        ScoringStateCodec.Encode(state, buffer);
        var model = new BgNbdGammaGammaModel("btyd-1", new BuyTillYouDieParameters(0.24, 4.4, 0.79, 2.4, 6.2, 3.7, 15), 273, 365, 0.1, TrainingMetadata.Untrained);

        Assert.False(ScoringStateCodec.Decode(buffer, new ScoringState("c-1", model.HiddenSize), model));
    }

    [Theory]
    [InlineData(-1, 0, 0, 0.0)]
    [InlineData(3, 10, 9, 5.0)]
    [InlineData(5, 10, 12, 5.0)]
    [InlineData(2, 10, 20, double.NaN)]
    public void Decode_OfPurchaseDaysNoHistoryCanProduce_IsAFormatError(int days, int first, int last, double repeatValue)
    {
        var model = TestModels.Create();
        var state = new ScoringState("c-1", model.Config.HiddenSize) { ModelVersion = model.Version };
        var buffer = new byte[ScoringStateCodec.SizeOf(state)];
        ScoringStateCodec.Encode(state, buffer);
        var purchaseDaysAt = 69 + Encoding.UTF8.GetByteCount(model.Version) + 24;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(purchaseDaysAt), days);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(purchaseDaysAt + 4), first);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(purchaseDaysAt + 8), last);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(purchaseDaysAt + 20), repeatValue);

        var error = Assert.Throws<FormatException>(() => ScoringStateCodec.Decode(buffer, new ScoringState("c-1", model.Config.HiddenSize), model));
        Assert.Contains("purchase-day statistics", error.Message);
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

    [Fact]
    public void Decode_OfAFormat1State_KeepsItsScoresStartsTheAlertFieldsFreshAndAsksForARebuild()
    {
        // Format 1 as the previous release wrote it, laid out by hand from its documented layout.
        var model = TestModels.Create();
        var hidden = model.Config.HiddenSize;
        var version = Encoding.UTF8.GetBytes(model.Version);
        var ticks = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var bytes = new byte[51 + version.Length + 4 + (8 * hidden)];
        bytes[0] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(1), 9); // seq_no
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(9), ticks);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(17), 9); // event count
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(25), 0.66); // last churn
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(33), 777); // last alert ms (format 1 only)
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(41), 1); // silence level
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(45), 5); // partition
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(49), (ushort)version.Length);
        version.CopyTo(bytes, 51);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(51 + version.Length), hidden);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(55 + version.Length), 0.5f); // h[0]

        var decoded = new ScoringState("c-1", hidden);
        var current = ScoringStateCodec.Decode(bytes, decoded, model);

        // Format 1 has no order-value moments either, so its (h, c) cannot be continued.
        Assert.Equal((false, 9L, 0.66, 1, 5, 0f), (current, decoded.SeqNo, decoded.LastChurn, decoded.SilenceLevel, decoded.Partition, decoded.Lstm.Hidden[0]));
        Assert.Equal((0.66, true, ScoringState.NoEpisode, 0), (decoded.ReferenceChurn, decoded.LevelArmed, decoded.EpisodeStartMs, decoded.AlertTimesMs.Count));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(40)]
    [InlineData(72)]
    public void Decode_OfAnUnknownFormatOrCutBytes_IsAFormatError(int keep)
    {
        var model = TestModels.Create();
        var state = new ScoringState("c-1", model.Config.HiddenSize) { ModelVersion = model.Version };
        var buffer = new byte[ScoringStateCodec.SizeOf(state)];
        ScoringStateCodec.Encode(state, buffer);
        var bytes = keep == 0 ? [9, .. buffer[1..]] : buffer[..keep];

        Assert.Throws<FormatException>(() => ScoringStateCodec.Decode(bytes, new ScoringState("c-1", model.Config.HiddenSize), model));
    }
}
