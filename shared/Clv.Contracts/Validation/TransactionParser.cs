using System.Text.Json;
using System.Text.Unicode;
using Clv.Contracts.Transactions;

namespace Clv.Contracts.Validation;

/// <summary>
/// Turns any bytes into a <see cref="TransactionEvent"/> or a <see cref="Rejection"/> that names the reason
/// and the field: the one reader of a transaction, wherever one is read from bytes (a record of
/// <c>transactions</c>, the transaction inside a sequenced record through <see cref="SequencedTransactionParser"/>,
/// a stored event). It reads the JSON that <see cref="Json.ClvJsonContext"/> writes; unknown fields are ignored
/// (forward compatibility), a repeated field is refused. Runs per event: one pass of a
/// <see cref="Utf8JsonReader"/>, no allocation beyond the event and its strings, no exception on any
/// semantic error. The one exception it catches is the reader's own on malformed JSON syntax, which the
/// reader offers no other way to report. Thread-safe.
/// </summary>
public sealed class TransactionParser(TransactionParserOptions? options = null)
{
    private const int MaxTimestampBytes = 64;

    internal static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    private readonly TransactionParserOptions _options = options ?? TransactionParserOptions.Default;

    /// <summary>The fields of a transaction, numbered as in <see cref="Names"/>.</summary>
    private enum Field
    {
        EventId,
        CustomerId,
        OccurredAt,
        Amount,
        Currency,
        Kind,
        Channel,
        Category,
        SchemaVersion,
    }

    private static readonly FieldNames Names = new("event_id", "customer_id", "occurred_at", "amount", "currency", "kind", "channel", "category", "schema_version");

    private const int Required = (1 << (int)Field.EventId) | (1 << (int)Field.CustomerId) | (1 << (int)Field.OccurredAt) | (1 << (int)Field.Amount)
        | (1 << (int)Field.Currency) | (1 << (int)Field.Kind) | (1 << (int)Field.SchemaVersion);

    /// <param name="utf8">The message value as received.</param>
    /// <param name="now">The reference time for the future-timestamp check.</param>
    public TransactionParseResult Parse(ReadOnlySpan<byte> utf8, DateTimeOffset now)
    {
        if (utf8.Length > _options.MaxMessageBytes)
        {
            return TransactionParseResult.Rejected(RejectionReason.MessageTooLarge, "",
                $"the message has {utf8.Length} bytes; at most {_options.MaxMessageBytes} are allowed");
        }

        if (CheckEncoding(ref utf8) is { } encoding)
        {
            return TransactionParseResult.Rejected(encoding);
        }

        try
        {
            return ParseDocument(utf8, now);
        }
        catch (Exception e) when (ReaderFailure(e) is { } failure)
        {
            return TransactionParseResult.Rejected(failure);
        }
    }

    /// <summary>Drops a UTF-8 byte order mark; a message that is not UTF-8 is refused before any JSON is read.</summary>
    internal static Rejection? CheckEncoding(ref ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        return Utf8.IsValid(utf8) ? null : new Rejection(RejectionReason.InvalidEncoding, "", "the message is not valid UTF-8");
    }

    /// <summary>What the reader's own exceptions mean: malformed JSON syntax, or escapes that spell no .NET string.</summary>
    internal static Rejection? ReaderFailure(Exception error) => error switch
    {
        JsonException => new Rejection(RejectionReason.InvalidJson, "", error.Message),
        // A string whose \u escapes spell an unpaired surrogate cannot become a .NET string.
        InvalidOperationException => new Rejection(RejectionReason.InvalidEncoding, "", error.Message),
        _ => null,
    };

    /// <summary>After the root value only white space may follow; the reader throws on anything else.</summary>
    internal static void EnsureEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException("content follows the JSON value");
        }
    }

    /// <summary>The root value must be an object; otherwise the rejection that says what it is.</summary>
    internal static Rejection? ExpectObject(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return new Rejection(RejectionReason.InvalidJson, "", "the message is empty");
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return null;
        }

        var token = reader.TokenType;
        reader.Skip();
        EnsureEnd(ref reader);
        return new Rejection(RejectionReason.NotAnObject, "", $"the message is a JSON {token}, not an object");
    }

    private TransactionParseResult ParseDocument(ReadOnlySpan<byte> utf8, DateTimeOffset now)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        if (ExpectObject(ref reader) is { } notAnObject)
        {
            return TransactionParseResult.Rejected(notAnObject);
        }

        var result = ReadObject(ref reader, now);
        EnsureEnd(ref reader);
        return result;
    }

    /// <summary>
    /// One transaction object, from the reader on its opening brace to its closing one (where the reader stays):
    /// the whole message of <c>transactions</c>, or the <c>transaction</c> field of a sequenced record.
    /// </summary>
    internal TransactionParseResult ReadObject(ref Utf8JsonReader reader, DateTimeOffset now)
    {
        string? eventId = null, customerId = null, currency = null, channel = null, category = null;
        DateTimeOffset occurredAt = default;
        double amount = 0;
        var kind = TransactionKind.Purchase;
        int? schemaVersion = null;
        var fields = new ObjectFields(Names);
        while (fields.Next(ref reader, out var field))
        {
            Rejection error;
            var ok = (Field)field switch
            {
                Field.EventId => TryReadText(ref reader, "event_id", _options.MaxIdLength, optional: false, out eventId, out error),
                Field.CustomerId => TryReadText(ref reader, "customer_id", _options.MaxIdLength, optional: false, out customerId, out error),
                Field.OccurredAt => TryReadTimestamp(ref reader, out occurredAt, out error),
                Field.Amount => TryReadAmount(ref reader, out amount, out error),
                Field.Currency => TryReadCurrency(ref reader, out currency, out error),
                Field.Kind => TryReadKind(ref reader, out kind, out error),
                Field.Channel => TryReadText(ref reader, "channel", _options.MaxTextLength, optional: true, out channel, out error),
                Field.Category => TryReadText(ref reader, "category", _options.MaxTextLength, optional: true, out category, out error),
                _ => TryReadSchemaVersion(ref reader, out schemaVersion, out error),
            };
            if (!ok)
            {
                fields.Refuse(ref reader, error);
            }
        }

        // A version we do not know explains every other oddity of the message, so it is reported first.
        if (schemaVersion is { } version && version != SchemaVersions.Transaction)
        {
            return TransactionParseResult.Rejected(RejectionReason.UnknownSchemaVersion, "schema_version",
                $"schema_version {version} is unknown; this reader knows {SchemaVersions.Transaction}");
        }

        if ((fields.FirstError ?? fields.Missing(Required)) is { } rejection)
        {
            return TransactionParseResult.Rejected(rejection);
        }

        var transaction = new TransactionEvent(eventId!, customerId!, occurredAt, amount, currency!, kind, channel, category, SchemaVersions.Transaction);
        return TransactionRules.TryCheckEvent(transaction, _options, now, out var outOfBounds)
            ? TransactionParseResult.Valid(transaction)
            : TransactionParseResult.Rejected(outOfBounds);
    }

    private static Rejection WrongType(string field, JsonTokenType token, string expected) =>
        new(RejectionReason.WrongType, field, $"{field} is a JSON {token}; expected {expected}");

    /// <summary>A non-blank string of at most maxLength characters; null only where the field is optional.</summary>
    private static bool TryReadText(ref Utf8JsonReader reader, string field, int maxLength, bool optional, out string? value, out Rejection error)
    {
        value = null;
        error = default;
        if (optional && reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            error = WrongType(field, reader.TokenType, optional ? "a string or null" : "a string");
            return false;
        }

        value = reader.GetString()!;
        return TransactionRules.TryCheckText(field, value, maxLength, out error);
    }

    private static bool TryReadAmount(ref Utf8JsonReader reader, out double amount, out Rejection error)
    {
        amount = 0;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetDouble(out amount))
            {
                error = new Rejection(RejectionReason.AmountNotFinite, "amount", "amount is outside the range of a double");
                return false;
            }

            return TransactionRules.TryCheckAmount(amount, out error);
        }

        // Serializers that allow "named floating point literals" write these as strings.
        if (reader.TokenType == JsonTokenType.String
            && (reader.ValueTextEquals("NaN"u8) || reader.ValueTextEquals("Infinity"u8) || reader.ValueTextEquals("-Infinity"u8)))
        {
            error = new Rejection(RejectionReason.AmountNotFinite, "amount", $"amount is \"{reader.GetString()}\"; it must be a finite number");
            return false;
        }

        error = WrongType("amount", reader.TokenType, "a number");
        return false;
    }

    private static bool TryReadCurrency(ref Utf8JsonReader reader, out string? currency, out Rejection error)
    {
        currency = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            error = WrongType("currency", reader.TokenType, "a string");
            return false;
        }

        error = default;
        if (reader.ValueTextEquals("USD"u8))
        {
            // The common case keeps one shared string instead of allocating one per event.
            currency = TransactionRules.DefaultCurrency;
            return true;
        }

        currency = reader.GetString()!;
        if (TransactionRules.IsCurrencyCode(currency))
        {
            return true;
        }

        error = TransactionRules.InvalidCurrency(currency);
        return false;
    }

    private static bool TryReadKind(ref Utf8JsonReader reader, out TransactionKind kind, out Rejection error)
    {
        kind = TransactionKind.Purchase;
        error = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            error = WrongType("kind", reader.TokenType, "a string");
            return false;
        }

        if (reader.ValueTextEquals("purchase"u8))
        {
            return true;
        }

        if (reader.ValueTextEquals("refund"u8))
        {
            kind = TransactionKind.Refund;
            return true;
        }

        error = TransactionRules.UnknownKind(reader.GetString()!);
        return false;
    }

    private static bool TryReadSchemaVersion(ref Utf8JsonReader reader, out int? version, out Rejection error)
    {
        version = null;
        error = default;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
        {
            version = number;
            return true;
        }

        error = WrongType("schema_version", reader.TokenType, "an integer");
        return false;
    }

    /// <summary>ISO-8601 with an explicit offset (Z or ±hh:mm), normalised to UTC; a local time would be ambiguous.</summary>
    private static bool TryReadTimestamp(ref Utf8JsonReader reader, out DateTimeOffset timestamp, out Rejection error)
    {
        timestamp = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            error = WrongType("occurred_at", reader.TokenType, "an ISO-8601 string");
            return false;
        }

        Span<byte> buffer = stackalloc byte[MaxTimestampBytes];
        var length = reader.ValueSpan.Length > MaxTimestampBytes ? -1
            : reader.ValueIsEscaped ? reader.CopyString(buffer)
            : CopyTo(reader.ValueSpan, buffer);
        if (length < 0 || !HasExplicitOffset(buffer[..length]) || !reader.TryGetDateTimeOffset(out timestamp))
        {
            error = new Rejection(RejectionReason.InvalidTimestamp, "occurred_at",
                $"occurred_at \"{reader.GetString()}\" is not an ISO-8601 timestamp with an offset (such as 2024-05-06T07:08:09Z)");
            return false;
        }

        timestamp = timestamp.ToUniversalTime();
        error = default;
        return true;
    }

    private static int CopyTo(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    private static bool HasExplicitOffset(ReadOnlySpan<byte> text) =>
        text.Length > 6 && (text[^1] == (byte)'Z' || text[^1] == (byte)'z'
            || ((text[^6] == (byte)'+' || text[^6] == (byte)'-') && text[^3] == (byte)':'));
}
