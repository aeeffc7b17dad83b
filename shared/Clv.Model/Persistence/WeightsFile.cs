using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Clv.Model.BuyTillYouDie;
using Clv.Model.Features;
using Clv.Model.Stacking;

namespace Clv.Model.Persistence;

/// <summary>
/// The model's file format: "CLVMODEL", int32 format version, int32 payload length, the payload, then the SHA-256
/// of the payload (little endian). Format 4's payload starts with the int32 <see cref="ModelKind"/>, then the kind's
/// fields: for the LSTM the payload of format 3 (version, feature schema, config, feature statistics, order-value
/// prior, training metadata, parameters), for BG/NBD + Gamma-Gamma the version, horizons, discount
/// rate, r, α, a, b, p, q, γ and the training metadata, for the stack the LSTM's fields, then BG/NBD + Gamma-Gamma's,
/// then the five <see cref="StackWeights"/>. Format 3 files (LSTM only) still read. A reader refuses anything it
/// cannot vouch for.
/// </summary>
public static class WeightsFile
{
    // 2: heads on [h, recency] with horizon-structured outputs (PurchaseWindow), no horizon statistics.
    // 3: heads also see the customer's shrunk order values; the population prior follows the feature statistics.
    // 4: the payload starts with the model kind (LSTM, BG/NBD + Gamma-Gamma, or their stack: a kind, not a format change).
    public const int FormatVersion = 4;

    private const int LstmOnlyFormatVersion = 3;

    private const int HeaderSize = 16;
    private const int ChecksumSize = 32;
    private static readonly byte[] Magic = "CLVMODEL"u8.ToArray();

    public static void Write(ScoringModel model, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(destination);
        var payload = Payload(model);
        Span<byte> header = stackalloc byte[HeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], payload.Length);
        destination.Write(header);
        destination.Write(payload);
        destination.Write(SHA256.HashData(payload));
    }

    public static byte[] ToBytes(ScoringModel model)
    {
        using var buffer = new MemoryStream();
        Write(model, buffer);
        return buffer.ToArray();
    }

    public static MtlLstmModel Read(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var buffer = new MemoryStream();
        source.CopyTo(buffer);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Reads an LSTM model file; a file of another kind is refused (use <see cref="ReadModel"/> to serve any kind).</summary>
    public static MtlLstmModel Read(ReadOnlySpan<byte> file) =>
        ReadModel(file) is var model && model is MtlLstmModel lstm
            ? lstm
            : throw new InvalidModelFileException($"Model file holds a {Describe(model.Kind)} model where an MTL-LSTM is needed.");

    /// <summary>Reads a model file of any kind.</summary>
    public static ScoringModel ReadModel(ReadOnlySpan<byte> file)
    {
        if (file.Length < HeaderSize)
        {
            throw new InvalidModelFileException($"Model file is truncated: {file.Length} bytes is shorter than the {HeaderSize}-byte header.");
        }

        if (!file[..8].SequenceEqual(Magic))
        {
            throw new InvalidModelFileException("Not a CLV model file: the first 8 bytes are not \"CLVMODEL\".");
        }

        var formatVersion = BinaryPrimitives.ReadInt32LittleEndian(file[8..]);
        if (formatVersion is not (FormatVersion or LstmOnlyFormatVersion))
        {
            throw new InvalidModelFileException(formatVersion < LstmOnlyFormatVersion
                ? $"Model file format version {formatVersion} is older than the oldest this build reads, {LstmOnlyFormatVersion} (its heads {(formatVersion == 1 ? "take the horizon as an input" : "do not see the customer's order values")}); retrain the model."
                : $"Unsupported model file format version {formatVersion}; this build reads versions {LstmOnlyFormatVersion} and {FormatVersion}.");
        }

        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(file[12..]);
        if (payloadLength < 0 || (long)HeaderSize + payloadLength + ChecksumSize > file.Length)
        {
            throw new InvalidModelFileException(
                $"Model file is truncated: the header announces {payloadLength} payload bytes plus a {ChecksumSize}-byte checksum, the file has {file.Length - HeaderSize} after the header.");
        }

        var payload = file.Slice(HeaderSize, payloadLength);
        var stored = file.Slice(HeaderSize + payloadLength, ChecksumSize);
        Span<byte> actual = stackalloc byte[ChecksumSize];
        SHA256.HashData(payload, actual);
        if (!actual.SequenceEqual(stored))
        {
            throw new InvalidModelFileException(
                $"Model file checksum mismatch: payload SHA-256 is {Convert.ToHexStringLower(actual)} but the file records {Convert.ToHexStringLower(stored)}; the file is corrupt or was modified.");
        }

        try
        {
            return Parse(payload.ToArray(), formatVersion);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidModelFileException("Model file payload ends before all its fields were read.", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidModelFileException($"Model file describes an invalid model: {e.Message}", e);
        }
    }

    public static MtlLstmModel ReadFile(string path) => Read(File.ReadAllBytes(path));

    public static ScoringModel ReadModelFile(string path) => ReadModel(File.ReadAllBytes(path));

    public static void WriteFile(ScoringModel model, string path)
    {
        using var file = File.Create(path);
        Write(model, file);
    }

    /// <summary>Lower-case hex SHA-256 of a whole file's bytes, as the model store records it.</summary>
    public static string Sha256(ReadOnlySpan<byte> file) => Convert.ToHexStringLower(SHA256.HashData(file));

    public static string Sha256(Stream file) => Convert.ToHexStringLower(SHA256.HashData(file));

    private static byte[] Payload(ScoringModel model)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((int)model.Kind);
            switch (model)
            {
                case MtlLstmModel lstm:
                    WriteLstm(writer, lstm);
                    break;
                case BgNbdGammaGammaModel buyTillYouDie:
                    WriteBuyTillYouDie(writer, buyTillYouDie);
                    break;
                case StackedLstmBgNbdModel stack:
                    WriteLstm(writer, stack.Lstm);
                    WriteBuyTillYouDie(writer, stack.BgNbd);
                    WriteStackWeights(writer, stack.Weights);
                    break;
                default:
                    throw new ArgumentException($"No file layout for model kind {model.Kind}.", nameof(model));
            }
        }

        return buffer.ToArray();
    }

    private static void WriteBuyTillYouDie(BinaryWriter writer, BgNbdGammaGammaModel model)
    {
        writer.Write(model.Version);
        writer.Write(model.HorizonDays);
        writer.Write(model.ClvHorizonDays);
        writer.Write(model.AnnualDiscountRate);
        var (r, alpha, a, b, p, q, gamma) = model.Parameters;
        WriteDoubles(writer, [r, alpha, a, b, p, q, gamma]);

        WriteMetadata(writer, model.Metadata);
    }

    private static void WriteStackWeights(BinaryWriter writer, StackWeights weights) => WriteDoubles(
        writer, [weights.ChurnIntercept, weights.ChurnLstmWeight, weights.ChurnBgNbdWeight, weights.SpendLstmWeight, weights.SpendBgNbdWeight]);

    private static void WriteDoubles(BinaryWriter writer, ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static void WriteLstm(BinaryWriter writer, MtlLstmModel model)
    {
        var config = model.Config;
        writer.Write(model.Version);
        writer.Write(config.FeatureSchemaId);
        writer.Write(config.InputSize);
        writer.Write(config.HiddenSize);
        writer.Write(config.DenseSize);
        writer.Write(config.WindowSize);
        writer.Write((int)config.Tasks);
        writer.Write(config.HorizonDays);
        writer.Write(config.ClvHorizonDays);
        writer.Write(config.AnnualDiscountRate);

        var s = model.Statistics;
        var prior = s.OrderValues;
        WriteDoubles(writer, [
            s.LogAmountMean, s.LogAmountStd, s.LogGapMean, s.LogGapStd, s.LogRecencyMean, s.LogRecencyStd,
            prior.Mean, prior.BetweenVariance, prior.WithinVariance, prior.VariancePseudoCount]);

        WriteMetadata(writer, model.Metadata);
        writer.Write(model.Parameters.Length);
        foreach (var p in model.Parameters)
        {
            writer.Write(p);
        }
    }

    private static void WriteMetadata(BinaryWriter writer, TrainingMetadata m)
    {
        writer.Write(m.TrainedAtUtc.Ticks);
        writer.Write(m.CalibrationEnd.Ticks);
        writer.Write(m.TrainingCustomers);
        writer.Write(m.ValidationCustomers);
        writer.Write(m.Epochs);
        writer.Write(m.Seed);
        writer.Write(m.ValidationLoss);
        writer.Write(m.CutoffStepDays);
    }

    private static TrainingMetadata ReadMetadata(BinaryReader reader) => new(
        new DateTime(reader.ReadInt64(), DateTimeKind.Utc),
        new DateTime(reader.ReadInt64(), DateTimeKind.Utc),
        reader.ReadInt32(),
        reader.ReadInt32(),
        reader.ReadInt32(),
        reader.ReadInt32(),
        reader.ReadDouble(),
        reader.ReadInt32());

    private static ScoringModel Parse(byte[] payload, int formatVersion)
    {
        using var reader = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
        var kind = formatVersion == LstmOnlyFormatVersion ? ModelKind.MtlLstm : (ModelKind)reader.ReadInt32();
        ScoringModel model = kind switch
        {
            ModelKind.MtlLstm => ParseLstm(reader),
            ModelKind.BgNbdGammaGamma => ParseBuyTillYouDie(reader),
            ModelKind.StackedLstmBgNbd => new StackedLstmBgNbdModel(ParseLstm(reader), ParseBuyTillYouDie(reader), ParseStackWeights(reader)),
            _ => throw new InvalidModelFileException($"Model file holds model kind {(int)kind}, which this build does not know."),
        };
        if (reader.BaseStream.Position != payload.Length)
        {
            throw new InvalidModelFileException($"Model file payload has {payload.Length - reader.BaseStream.Position} unexpected trailing bytes.");
        }

        return model;
    }

    private static StackWeights ParseStackWeights(BinaryReader reader) =>
        new(reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());

    private static string Describe(ModelKind kind) => kind switch
    {
        ModelKind.BgNbdGammaGamma => "BG/NBD + Gamma-Gamma",
        ModelKind.StackedLstmBgNbd => "stacked MTL-LSTM + BG/NBD",
        _ => kind.ToString(),
    };

    private static BgNbdGammaGammaModel ParseBuyTillYouDie(BinaryReader reader)
    {
        var version = reader.ReadString();
        var horizonDays = reader.ReadInt32();
        var clvHorizonDays = reader.ReadInt32();
        var discount = reader.ReadDouble();
        var parameters = new BuyTillYouDieParameters(
            reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(),
            reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
        return new BgNbdGammaGammaModel(version, parameters, horizonDays, clvHorizonDays, discount, ReadMetadata(reader));
    }

    private static MtlLstmModel ParseLstm(BinaryReader reader)
    {
        var version = reader.ReadString();
        var schemaId = reader.ReadString();
        if (schemaId != FeatureEncoder.SchemaId)
        {
            throw new InvalidModelFileException($"Model file uses feature schema '{schemaId}'; this build encodes '{FeatureEncoder.SchemaId}'.");
        }

        var config = new ModelConfig(
            InputSize: reader.ReadInt32(),
            HiddenSize: reader.ReadInt32(),
            DenseSize: reader.ReadInt32(),
            WindowSize: reader.ReadInt32(),
            Tasks: (ModelTasks)reader.ReadInt32(),
            HorizonDays: reader.ReadInt32(),
            ClvHorizonDays: reader.ReadInt32(),
            AnnualDiscountRate: reader.ReadDouble(),
            FeatureSchemaId: schemaId);
        var statistics = new FeatureStatistics(
            reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(),
            reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble())
        {
            OrderValues = new OrderValuePrior(reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble()),
        };
        var metadata = ReadMetadata(reader);

        var count = reader.ReadInt32();
        var expected = new Network.ParameterLayout(config.InputSize, config.HiddenSize, config.DenseSize).Count;
        if (count != expected)
        {
            throw new InvalidModelFileException(
                $"Model file shape mismatch: input {config.InputSize}, hidden {config.HiddenSize}, dense {config.DenseSize} need {expected} parameters, the file holds {count}.");
        }

        var parameters = new float[count];
        for (var i = 0; i < count; i++)
        {
            parameters[i] = reader.ReadSingle();
        }

        return new MtlLstmModel(version, config, statistics, parameters, metadata);
    }
}
