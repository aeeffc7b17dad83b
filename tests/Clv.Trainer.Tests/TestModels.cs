using System.Buffers.Binary;
using System.Security.Cryptography;
using Clv.Model;
using Clv.Model.BuyTillYouDie;
using Clv.Model.Features;
using Clv.Model.Persistence;
using Clv.Model.Stacking;
using Clv.ModelLifecycle;
using StackExchange.Redis;

namespace Clv.Trainer.Tests;

/// <summary>Small untrained models, their weights files and deliberately broken variants of them.</summary>
internal static class TestModels
{
    private static readonly FeatureStatistics Statistics = new(3.0, 1.1, 3.2, 1.3, 3.5, 1.2);

    public static MtlLstmModel Create(string version, int seed = 7) =>
        MtlLstmModel.CreateInitial(new ModelConfig(HiddenSize: 16, DenseSize: 12, WindowSize: 64), Statistics, seed, version);

    /// <summary>A store with its own hash tag, so tests never see each other's versions.</summary>
    public static ModelStore NewStore(IConnectionMultiplexer redis, int keep = 10) =>
        new(redis, StoreOptions(keep));

    public static ModelStoreOptions StoreOptions(int keep = 10) =>
        new() { KeyPrefix = $"test:{{models-{Guid.NewGuid():N}}}", KeepVersions = keep };

    /// <summary>Stores a valid model under the next version and returns that version and its checksum.</summary>
    public static async Task<(string Version, string Sha256)> SaveAsync(ModelStore store, int seed = 7)
    {
        var version = await store.ReserveVersionAsync();
        return (version, await SaveBytesAsync(store, version, WeightsFile.ToBytes(Create(version, seed))));
    }

    public static async Task<string> SaveBytesAsync(ModelStore store, string version, byte[] weights)
    {
        var info = await store.SaveAsync(version, weights, new Dictionary<string, double>(), ModelDecision.Candidate, "test");
        return info.Sha256;
    }

    /// <summary>A weights file whose parameters were altered after its checksum was written.</summary>
    public static byte[] WithBadInternalChecksum(MtlLstmModel model)
    {
        var bytes = WeightsFile.ToBytes(model);
        bytes[^40] ^= 0x10;
        return bytes;
    }

    /// <summary>
    /// A self-consistent file (valid checksum) whose header claims a hidden size the parameters do not fit.
    /// Payload layout: kind, version and schema strings (length byte + UTF-8 each), input size, hidden size.
    /// </summary>
    public static byte[] WithWrongShape(MtlLstmModel model)
    {
        var bytes = WeightsFile.ToBytes(model);
        var hiddenOffset = 16 + 4 + 1 + model.Version.Length + 1 + model.Config.FeatureSchemaId.Length + 4;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(hiddenOffset), model.Config.HiddenSize + 1);
        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        SHA256.HashData(bytes.AsSpan(16, payloadLength), bytes.AsSpan(16 + payloadLength));
        return bytes;
    }

    /// <summary>A BG/NBD + Gamma-Gamma model with the published CDNOW parameters (Fader, Hardie &amp; Lee 2005; Fader &amp; Hardie 2013).</summary>
    public static BgNbdGammaGammaModel CreateBgNbd(string version) =>
        new(version, new BuyTillYouDieParameters(0.243, 4.414, 0.793, 2.426, 6.25, 3.74, 15.44), 273, 365, 0.10, TrainingMetadata.Untrained);

    /// <summary>
    /// A self-consistent BG/NBD file (valid checksum) whose α is <paramref name="alpha"/>.
    /// Payload layout: kind, version (length byte + UTF-8), horizon, CLV horizon, discount rate, r, α, ...
    /// </summary>
    public static byte[] BgNbdWithAlpha(string version, double alpha)
    {
        var bytes = WeightsFile.ToBytes(CreateBgNbd(version));
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(16 + 4 + 1 + version.Length + 4 + 4 + 8 + 8), alpha);
        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        SHA256.HashData(bytes.AsSpan(16, payloadLength), bytes.AsSpan(16 + payloadLength));
        return bytes;
    }

    /// <summary>The LSTM of <see cref="Create"/> and the BG/NBD of <see cref="CreateBgNbd"/> stacked with weights away from 0 and 1.</summary>
    public static StackedLstmBgNbdModel CreateStacked(string version) =>
        new(Create(version), CreateBgNbd(version), new StackWeights(0.2, 0.6, 0.3, 0.4, 0.7));

    /// <summary>
    /// A self-consistent stacked file (valid checksum) whose stack weight <paramref name="index"/> (intercept, churn LSTM,
    /// churn BG/NBD, spend LSTM, spend BG/NBD: the payload's last five f64) is <paramref name="value"/>.
    /// </summary>
    public static byte[] StackedWithWeight(string version, int index, double value)
    {
        var bytes = WeightsFile.ToBytes(CreateStacked(version));
        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(16 + payloadLength - 40 + (8 * index)), value);
        SHA256.HashData(bytes.AsSpan(16, payloadLength), bytes.AsSpan(16 + payloadLength));
        return bytes;
    }

    /// <summary>A self-consistent file (valid checksum) whose kind field names no kind this build knows.</summary>
    public static byte[] WithUnknownKind(MtlLstmModel model)
    {
        var bytes = WeightsFile.ToBytes(model);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 9);
        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        SHA256.HashData(bytes.AsSpan(16, payloadLength), bytes.AsSpan(16 + payloadLength));
        return bytes;
    }

    /// <summary>A well-formed file whose weights are not numbers: it loads, but must fail the canary.</summary>
    public static byte[] WithNaNWeights(string version)
    {
        var model = Create(version);
        var parameters = model.Parameters.ToArray();
        Array.Fill(parameters, float.NaN);
        return WeightsFile.ToBytes(new MtlLstmModel(version, model.Config, model.Statistics, parameters, model.Metadata));
    }
}
