using System.Buffers.Binary;
using System.Security.Cryptography;
using Clv.Model.BuyTillYouDie;
using Clv.Model.Persistence;

namespace Clv.Model.Tests.BuyTillYouDie;

public sealed class BuyTillYouDieFileTests
{
    private const int HeaderSize = 16;

    [Fact]
    public void WriteThenReadModel_RoundTripsKindParametersAndSettings()
    {
        var model = new BgNbdGammaGammaModel(
            "btyd-7", BgNbdGammaGammaModelTests.Published, 90, 730, 0.07,
            new TrainingMetadata(new DateTime(2026, 11, 29, 1, 2, 3, DateTimeKind.Utc), new DateTime(1997, 9, 30, 0, 0, 0, DateTimeKind.Utc), 900, 100, 0, 5, 1.5, 7));

        var read = Assert.IsType<BgNbdGammaGammaModel>(WeightsFile.ReadModel(WeightsFile.ToBytes(model)));

        Assert.Equal(ModelKind.BgNbdGammaGamma, read.Kind);
        Assert.Equal(model.Version, read.Version);
        Assert.Equal(model.Parameters, read.Parameters);
        Assert.Equal(((int?)null, 90, 730, 0.07), (read.WindowSize, read.HorizonDays, read.ClvHorizonDays, read.AnnualDiscountRate));
        Assert.Equal(model.Metadata, read.Metadata);
    }

    [Fact]
    public void Read_LstmFileOfFormat3_StillLoads()
    {
        var model = TestEvents.Model(hidden: 8, dense: 6);
        var format3 = AsFormat3(WeightsFile.ToBytes(model));

        var read = Assert.IsType<MtlLstmModel>(WeightsFile.ReadModel(format3));

        Assert.Equal(model.Config, read.Config);
        Assert.Equal(model.Parameters.ToArray(), read.Parameters.ToArray());
    }

    [Theory]
    [InlineData(0, double.NaN)] // r
    [InlineData(1, double.PositiveInfinity)] // alpha
    [InlineData(2, -0.5)] // a
    [InlineData(3, 0.0)] // b
    [InlineData(5, 0.9)] // q: no population mean order value
    public void ReadModel_ParameterNotUsable_IsRefusedAsInvalid(int index, double value)
    {
        var bytes = WeightsFile.ToBytes(BgNbdGammaGammaModelTests.Model());
        // Payload: kind, version (length byte + UTF-8), horizon, CLV horizon, discount, then the seven parameters.
        var offset = HeaderSize + 4 + 1 + "btyd-test".Length + 4 + 4 + 8 + (8 * index);
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(offset), value);
        Reseal(bytes);

        var error = Assert.Throws<InvalidModelFileException>(() => WeightsFile.ReadModel(bytes));
        Assert.Contains("invalid model", error.Message);
    }

    [Fact]
    public void ReadModel_UnknownKind_IsRefused()
    {
        var bytes = WeightsFile.ToBytes(BgNbdGammaGammaModelTests.Model());
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(HeaderSize), 7);
        Reseal(bytes);

        var error = Assert.Throws<InvalidModelFileException>(() => WeightsFile.ReadModel(bytes));
        Assert.Contains("model kind 7", error.Message);
    }

    [Fact]
    public void ReadModel_LstmPayloadLabelledBgNbd_IsRefused()
    {
        var bytes = WeightsFile.ToBytes(TestEvents.Model());
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(HeaderSize), (int)ModelKind.BgNbdGammaGamma);
        Reseal(bytes);

        Assert.Throws<InvalidModelFileException>(() => WeightsFile.ReadModel(bytes));
    }

    [Fact]
    public void Read_BgNbdFileWhereAnLstmIsNeeded_IsRefusedNamingTheKind()
    {
        var error = Assert.Throws<InvalidModelFileException>(() => WeightsFile.Read(WeightsFile.ToBytes(BgNbdGammaGammaModelTests.Model())));
        Assert.Contains("BG/NBD", error.Message);
    }

    // Format 3 is format 4 without the kind field.
    private static byte[] AsFormat3(byte[] format4)
    {
        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(format4.AsSpan(12)) - 4;
        var bytes = new byte[HeaderSize + payloadLength + 32];
        format4.AsSpan(0, 8).CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 3);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), payloadLength);
        format4.AsSpan(HeaderSize + 4, payloadLength).CopyTo(bytes.AsSpan(HeaderSize));
        Reseal(bytes);
        return bytes;
    }

    /// <summary>Rewrites the payload's SHA-256 after a test altered the payload, so only the alteration is refused.</summary>
    internal static void Reseal(byte[] bytes)
    {
        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        SHA256.HashData(bytes.AsSpan(HeaderSize, payloadLength), bytes.AsSpan(HeaderSize + payloadLength));
    }
}
