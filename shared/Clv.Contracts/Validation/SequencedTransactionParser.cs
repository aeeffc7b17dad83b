using System.Text.Json;
using Clv.Contracts.Transactions;

namespace Clv.Contracts.Validation;

/// <summary>
/// Turns any bytes into a <see cref="SequencedTransaction"/> (a record of <c>transactions.sequenced</c>) or a
/// <see cref="Rejection"/>. It reads the envelope (seq_no, source partition and offset, schema version) and hands
/// the <c>transaction</c> object to <see cref="TransactionParser"/>, the one reader of a transaction, so an event
/// gets the same checks here as at the sequencer's door; a rejection inside it names the field as
/// <c>transaction.&lt;field&gt;</c>. No size limit: the sequencer re-serialises what it accepted, which may be
/// longer than what it read. Never throws; thread-safe.
/// </summary>
public sealed class SequencedTransactionParser(TransactionParser transactions)
{
    private const string TransactionField = "transaction";

    /// <summary>The envelope's fields, numbered as in <see cref="Names"/>.</summary>
    private enum Field
    {
        Transaction,
        SeqNo,
        SourcePartition,
        SourceOffset,
        SchemaVersion,
    }

    private static readonly FieldNames Names = new(TransactionField, "seq_no", "source_partition", "source_offset", "schema_version");

    // Every field is required.
    private const int Required = (1 << 5) - 1;

    /// <param name="utf8">The message value as received.</param>
    /// <param name="now">The reference time for the transaction's future-timestamp check.</param>
    public SequencedParseResult Parse(ReadOnlySpan<byte> utf8, DateTimeOffset now)
    {
        if (TransactionParser.CheckEncoding(ref utf8) is { } encoding)
        {
            return SequencedParseResult.Rejected(encoding);
        }

        try
        {
            return ParseDocument(utf8, now);
        }
        catch (Exception e) when (TransactionParser.ReaderFailure(e) is { } failure)
        {
            return SequencedParseResult.Rejected(failure);
        }
    }

    private SequencedParseResult ParseDocument(ReadOnlySpan<byte> utf8, DateTimeOffset now)
    {
        var reader = new Utf8JsonReader(utf8, TransactionParser.ReaderOptions);
        if (TransactionParser.ExpectObject(ref reader) is { } notAnObject)
        {
            return SequencedParseResult.Rejected(notAnObject);
        }

        TransactionParseResult transaction = default;
        long seqNo = 0, sourcePartition = 0, sourceOffset = 0, version = 0;
        long? schemaVersion = null;
        var fields = new ObjectFields(Names);
        while (fields.Next(ref reader, out var field))
        {
            Rejection error;
            var ok = (Field)field switch
            {
                Field.Transaction => TryReadTransaction(ref reader, now, out transaction, out error),
                Field.SeqNo => TryReadInteger(ref reader, "seq_no", 1, long.MaxValue, out seqNo, out error),
                Field.SourcePartition => TryReadInteger(ref reader, "source_partition", 0, int.MaxValue, out sourcePartition, out error),
                Field.SourceOffset => TryReadInteger(ref reader, "source_offset", 0, long.MaxValue, out sourceOffset, out error),
                _ => TryReadInteger(ref reader, "schema_version", int.MinValue, int.MaxValue, out version, out error),
            };
            if (!ok)
            {
                fields.Refuse(ref reader, error);
            }
            else if ((Field)field == Field.SchemaVersion)
            {
                schemaVersion = version;
            }
        }

        TransactionParser.EnsureEnd(ref reader);

        // As for a transaction: a version we do not know explains every other oddity, so it is reported first.
        if (schemaVersion is { } known && known != SchemaVersions.Sequenced)
        {
            return SequencedParseResult.Rejected(new Rejection(RejectionReason.UnknownSchemaVersion, "schema_version",
                $"schema_version {known} is unknown; this reader knows {SchemaVersions.Sequenced}"));
        }

        if ((fields.FirstError ?? fields.Missing(Required)) is { } rejection)
        {
            return SequencedParseResult.Rejected(rejection);
        }

        if (!transaction.IsValid)
        {
            var inner = transaction.Rejection;
            var named = string.IsNullOrEmpty(inner.Field) ? TransactionField : $"{TransactionField}.{inner.Field}";
            return SequencedParseResult.Rejected(inner with { Field = named });
        }

        return SequencedParseResult.Valid(new SequencedTransaction(transaction.Event, seqNo, (int)sourcePartition, sourceOffset));
    }

    private bool TryReadTransaction(ref Utf8JsonReader reader, DateTimeOffset now, out TransactionParseResult transaction, out Rejection error)
    {
        error = default;
        transaction = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = new Rejection(RejectionReason.WrongType, TransactionField, $"{TransactionField} is a JSON {reader.TokenType}; expected an object");
            return false;
        }

        // Its own rejection, if any, is reported once the envelope is known to be readable.
        transaction = transactions.ReadObject(ref reader, now);
        return true;
    }

    private static bool TryReadInteger(ref Utf8JsonReader reader, string field, long min, long max, out long value, out Rejection error)
    {
        error = default;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value) && value >= min && value <= max)
        {
            return true;
        }

        value = 0;
        error = new Rejection(RejectionReason.WrongType, field,
            min == int.MinValue ? $"{field} is not an integer"
            : max == long.MaxValue ? $"{field} is not an integer of at least {min}"
            : $"{field} is not an integer from {min} to {max}");
        return false;
    }
}
