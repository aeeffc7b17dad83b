using System.Buffers.Binary;
using System.Security.Cryptography;
using Clv.Model;
using Clv.Model.Persistence;

namespace Clv.Model.Tests;

public sealed class WeightsFileTests
{
    [Fact]
    public void WriteThenRead_RoundTripsEverything()
    {
        var model = Trained(TestEvents.Model(hidden: 12, dense: 10, window: 32));

        var read = WeightsFile.Read(WeightsFile.ToBytes(model));

        Assert.Equal(model.Version, read.Version);
        Assert.Equal(model.Config, read.Config);
        Assert.Equal(model.Statistics, read.Statistics);
        Assert.Equal(model.Metadata, read.Metadata);
        Assert.Equal(model.Parameters.ToArray(), read.Parameters.ToArray());
    }

    [Fact]
    public void Read_FlippedParameterByte_IsRefusedForItsChecksum()
    {
        var bytes = WeightsFile.ToBytes(TestEvents.Model());
        bytes[bytes.Length - 40] ^= 0x10;

        var error = Assert.Throws<InvalidModelFileException>(() => WeightsFile.Read(bytes));
        Assert.Contains("checksum mismatch", error.Message);
    }

    [Theory]
    [InlineData(99, "format version 99")]
    [InlineData(1, "format version 1 is older than the oldest this build reads, 3 (its heads take the horizon as an input); retrain the model")]
    [InlineData(2, "format version 2 is older than the oldest this build reads, 3 (its heads do not see the customer's order values); retrain the model")]
    public void Read_OtherFormatVersion_IsRefusedNamingTheVersion(int version, string expected)
    {
        var bytes = WeightsFile.ToBytes(TestEvents.Model());
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), version);

        var error = Assert.Throws<InvalidModelFileException>(() => WeightsFile.Read(bytes));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Read_HiddenSizeNotMatchingParameterCount_IsRefusedAsShapeMismatch()
    {
        var model = TestEvents.Model(hidden: 16);
        var bytes = WeightsFile.ToBytes(model);
        // Payload: kind, version string, schema string (each a length byte + UTF-8), input size, hidden size.
        var hiddenOffset = 16 + 4 + 1 + model.Version.Length + 1 + model.Config.FeatureSchemaId.Length + 4;
        Assert.Equal(16, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(hiddenOffset)));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(hiddenOffset), 17);
        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        SHA256.HashData(bytes.AsSpan(16, payloadLength), bytes.AsSpan(16 + payloadLength));

        var error = Assert.Throws<InvalidModelFileException>(() => WeightsFile.Read(bytes));
        Assert.Contains("shape mismatch", error.Message);
    }

    [Fact]
    public void Read_TruncatedFile_IsRefusedAsTruncated()
    {
        var bytes = WeightsFile.ToBytes(TestEvents.Model());

        var error = Assert.Throws<InvalidModelFileException>(() => WeightsFile.Read(bytes.AsSpan(0, bytes.Length - 100)));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Read_OtherFile_IsRefusedForItsMagic()
    {
        var error = Assert.Throws<InvalidModelFileException>(() => WeightsFile.Read("{\"not\":\"a model\"}"u8));
        Assert.Contains("Not a CLV model file", error.Message);
    }

    [Fact]
    public void Sha256_OfStreamAndOfBytes_Agree()
    {
        var bytes = WeightsFile.ToBytes(TestEvents.Model());

        Assert.Equal(WeightsFile.Sha256(bytes), WeightsFile.Sha256(new MemoryStream(bytes)));
        Assert.Equal(64, WeightsFile.Sha256(bytes).Length);
    }

    private static MtlLstmModel Trained(MtlLstmModel model) =>
        new("mtl-test-1", model.Config with { Tasks = ModelTasks.Churn | ModelTasks.Clv, ClvHorizonDays = 730 }, model.Statistics, model.Parameters,
            new TrainingMetadata(new DateTime(2026, 11, 23, 1, 2, 3, DateTimeKind.Utc), new DateTime(1997, 9, 30, 0, 0, 0, DateTimeKind.Utc), 900, 100, 12, 42, 3.25, 14));
}
