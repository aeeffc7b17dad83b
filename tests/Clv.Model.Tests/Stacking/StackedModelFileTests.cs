using System.Buffers.Binary;
using Clv.Model.Persistence;
using Clv.Model.Stacking;
using Clv.Model.Tests.BuyTillYouDie;

namespace Clv.Model.Tests.Stacking;

public sealed class StackedModelFileTests
{
    private const int HeaderSize = 16;

    // The payload ends with the five stack weights (f64 each): intercept, churn LSTM, churn BG/NBD, spend LSTM, spend BG/NBD.
    private const int WeightsSize = 5 * 8;

    [Fact]
    public void WriteThenReadModel_RoundTripsBothComponentsAndTheWeights_AndScoresTheSame()
    {
        var stack = StackedModels.Create();

        var read = Assert.IsType<StackedLstmBgNbdModel>(WeightsFile.ReadModel(WeightsFile.ToBytes(stack)));

        Assert.Equal(ModelKind.StackedLstmBgNbd, read.Kind);
        Assert.Equal(stack.Version, read.Version);
        Assert.Equal(stack.Weights, read.Weights);
        Assert.Equal(stack.Lstm.Config, read.Lstm.Config);
        Assert.Equal(stack.Lstm.Parameters.ToArray(), read.Lstm.Parameters.ToArray());
        Assert.Equal(stack.BgNbd.Parameters, read.BgNbd.Parameters);
        var events = TestEvents.Sequence(20, seed: 3);
        var asOf = events[^1].Time.AddDays(10);
        Assert.Equal(CustomerState.ScoreSequence(stack, events, asOf, 273, 365), CustomerState.ScoreSequence(read, events, asOf, 273, 365));
    }

    [Theory]
    // Spend weights older builds fitted without the cap w1 + w2 <= 1: CDNOW's standard split gave (0.073, 1.016), the
    // wholesale world's pseudo windows (1.018, 0.539) and (1.666, 0.162).
    [InlineData(0.073, 1.016)]
    [InlineData(1.666, 0.162)]
    [InlineData(3.5, 0.0)]
    public void ReadModel_OlderFileWhoseSpendWeightsSumAboveOne_StillReadsThem(double spendLstm, double spendBgNbd)
    {
        var stack = StackedModels.Create(new StackWeights(0.2, 0.6, 0.3, spendLstm, spendBgNbd));

        var read = Assert.IsType<StackedLstmBgNbdModel>(WeightsFile.ReadModel(WeightsFile.ToBytes(stack)));

        Assert.Equal((spendLstm, spendBgNbd), (read.Weights.SpendLstmWeight, read.Weights.SpendBgNbdWeight));
    }

    [Theory]
    [InlineData(0, double.NaN, "not finite")]
    [InlineData(2, double.NegativeInfinity, "not finite")]
    [InlineData(3, -0.2, "must not be negative")]
    [InlineData(4, -1.0, "must not be negative")]
    public void ReadModel_WeightNoFitProduces_IsRefusedAsInvalid(int index, double value, string reason)
    {
        var bytes = WeightsFile.ToBytes(StackedModels.Create());
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(PayloadEnd(bytes) - WeightsSize + (8 * index)), value);
        BuyTillYouDieFileTests.Reseal(bytes);

        var error = Assert.Throws<InvalidModelFileException>(() => WeightsFile.ReadModel(bytes));
        Assert.Contains("invalid model", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void ReadModel_ComponentsNamingDifferentVersions_IsRefused()
    {
        var stack = StackedModels.Create();
        var bytes = WeightsFile.ToBytes(stack);
        // The BG/NBD part starts right after the LSTM part: its version string is the second copy of the version.
        var lstmPart = WeightsFile.ToBytes(stack.Lstm);
        var bgNbdVersionOffset = PayloadEnd(lstmPart) + 1;
        bytes[bgNbdVersionOffset] ^= 0x01;
        BuyTillYouDieFileTests.Reseal(bytes);

        var error = Assert.Throws<InvalidModelFileException>(() => WeightsFile.ReadModel(bytes));
        Assert.Contains("different versions", error.Message);
    }

    [Fact]
    public void ReadModel_PayloadWithoutTheWeights_IsRefused()
    {
        var full = WeightsFile.ToBytes(StackedModels.Create());
        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(full.AsSpan(12)) - WeightsSize;
        var bytes = new byte[HeaderSize + payloadLength + 32];
        full.AsSpan(0, HeaderSize + payloadLength).CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), payloadLength);
        BuyTillYouDieFileTests.Reseal(bytes);

        var error = Assert.Throws<InvalidModelFileException>(() => WeightsFile.ReadModel(bytes));
        Assert.Contains("ends before all its fields", error.Message);
    }

    [Fact]
    public void ReadModel_LstmPayloadLabelledStacked_IsRefused()
    {
        var bytes = WeightsFile.ToBytes(TestEvents.Model());
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(HeaderSize), (int)ModelKind.StackedLstmBgNbd);
        BuyTillYouDieFileTests.Reseal(bytes);

        Assert.Throws<InvalidModelFileException>(() => WeightsFile.ReadModel(bytes));
    }

    [Fact]
    public void Read_StackedFileWhereAnLstmIsNeeded_IsRefusedNamingTheKind()
    {
        var error = Assert.Throws<InvalidModelFileException>(() => WeightsFile.Read(WeightsFile.ToBytes(StackedModels.Create())));
        Assert.Contains("stacked MTL-LSTM + BG/NBD model where an MTL-LSTM is needed", error.Message);
    }

    private static int PayloadEnd(byte[] file) => HeaderSize + BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(12));
}
