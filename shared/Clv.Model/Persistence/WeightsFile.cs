using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Clv.Model.Features;

namespace Clv.Model.Persistence;

/// <summary>
/// The model's file format: "CLVMODEL", int32 format version, int32 payload length, the payload
/// (version, feature schema, config, feature statistics, order-value prior, training metadata, parameters; little
/// endian), then the SHA-256 of the payload. A reader refuses anything it cannot vouch for.
/// </summary>
public static class WeightsFile
{
    // 2: heads on [h, recency] with horizon-structured outputs (PurchaseWindow), no horizon statistics.
    // 3: heads also see the customer's shrunk order values; the population prior follows the feature statistics.
    public const int FormatVersion = 3;

    private const int HeaderSize = 16;
    private const int ChecksumSize = 32;
    private static readonly byte[] Magic = "CLVMODEL"u8.ToArray();

    public static void Write(MtlLstmModel model, Stream destination)
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

    public static byte[] ToBytes(MtlLstmModel model)
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

    public static MtlLstmModel Read(ReadOnlySpan<byte> file)
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
        if (formatVersion != FormatVersion)
        {
            throw new InvalidModelFileException(formatVersion < FormatVersion
                ? $"Model file format version {formatVersion} is older than this build's {FormatVersion} (its heads {(formatVersion == 1 ? "take the horizon as an input" : "do not see the customer's order values")}); retrain the model."
                : $"Unsupported model file format version {formatVersion}; this build reads version {FormatVersion}.");
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
            return Parse(payload.ToArray());
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

    public static void WriteFile(MtlLstmModel model, string path)
    {
        using var file = File.Create(path);
        Write(model, file);
    }

    /// <summary>Lower-case hex SHA-256 of a whole file's bytes, as the model store records it.</summary>
    public static string Sha256(ReadOnlySpan<byte> file) => Convert.ToHexStringLower(SHA256.HashData(file));

    public static string Sha256(Stream file) => Convert.ToHexStringLower(SHA256.HashData(file));

    private static byte[] Payload(MtlLstmModel model)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
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
            foreach (var value in (ReadOnlySpan<double>)[
                s.LogAmountMean, s.LogAmountStd, s.LogGapMean, s.LogGapStd, s.LogRecencyMean, s.LogRecencyStd,
                prior.Mean, prior.BetweenVariance, prior.WithinVariance, prior.VariancePseudoCount])
            {
                writer.Write(value);
            }

            var m = model.Metadata;
            writer.Write(m.TrainedAtUtc.Ticks);
            writer.Write(m.CalibrationEnd.Ticks);
            writer.Write(m.TrainingCustomers);
            writer.Write(m.ValidationCustomers);
            writer.Write(m.Epochs);
            writer.Write(m.Seed);
            writer.Write(m.ValidationLoss);
            writer.Write(m.CutoffStepDays);

            writer.Write(model.Parameters.Length);
            foreach (var p in model.Parameters)
            {
                writer.Write(p);
            }
        }

        return buffer.ToArray();
    }

    private static MtlLstmModel Parse(byte[] payload)
    {
        using var reader = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
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
        var metadata = new TrainingMetadata(
            new DateTime(reader.ReadInt64(), DateTimeKind.Utc),
            new DateTime(reader.ReadInt64(), DateTimeKind.Utc),
            reader.ReadInt32(),
            reader.ReadInt32(),
            reader.ReadInt32(),
            reader.ReadInt32(),
            reader.ReadDouble(),
            reader.ReadInt32());

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

        if (reader.BaseStream.Position != payload.Length)
        {
            throw new InvalidModelFileException($"Model file payload has {payload.Length - reader.BaseStream.Position} unexpected trailing bytes.");
        }

        return new MtlLstmModel(version, config, statistics, parameters, metadata);
    }
}
