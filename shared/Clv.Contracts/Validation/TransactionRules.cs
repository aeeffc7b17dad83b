using Clv.Contracts.Transactions;

namespace Clv.Contracts.Validation;

/// <summary>
/// The value rules every way into the system shares (the JSON parser and the file readers),
/// so a row that replay accepts is an event the sequencer accepts.
/// </summary>
public static class TransactionRules
{
    /// <summary>
    /// The configurable bounds of a whole event: id charset and length, amount range, earliest and latest event
    /// time. The one check the sequencer's parser, <c>clv replay</c> and the trainer's file reader all run.
    /// </summary>
    public static bool TryCheckEvent(TransactionEvent transaction, TransactionParserOptions options, DateTimeOffset now, out Rejection rejection)
    {
        if (!TryCheckId("event_id", transaction.EventId, options, out rejection) || !TryCheckId("customer_id", transaction.CustomerId, options, out rejection))
        {
            return false;
        }

        if (transaction.Amount < options.MinAmount || transaction.Amount > options.MaxAmount)
        {
            rejection = new Rejection(RejectionReason.AmountOutOfRange, "amount",
                $"amount {transaction.Amount} is outside [{options.MinAmount}, {options.MaxAmount}] (Validation:MinAmount, Validation:MaxAmount)");
            return false;
        }

        if (transaction.OccurredAt < options.EarliestEventTime)
        {
            rejection = new Rejection(RejectionReason.TimestampTooEarly, "occurred_at",
                $"occurred_at {transaction.OccurredAt:O} is before {options.EarliestEventTime:O} (Validation:EarliestEventTime)");
            return false;
        }

        if (transaction.OccurredAt.UtcTicks - now.UtcTicks > options.FutureTolerance.Ticks)
        {
            rejection = new Rejection(RejectionReason.TimestampInFuture, "occurred_at",
                $"occurred_at {transaction.OccurredAt:O} is more than {options.FutureTolerance} after now ({now.ToUniversalTime():O})");
            return false;
        }

        rejection = default;
        return true;
    }

    private static bool TryCheckId(string field, string id, TransactionParserOptions options, out Rejection rejection)
    {
        if (!TryCheckText(field, id, options.MaxIdLength, out rejection))
        {
            return false;
        }

        var allowed = options.IdRegex is { } pattern ? pattern.IsMatch(id) : !id.AsSpan().ContainsAnyInRange('\u0000', '\u001F') && !id.Contains('\u007F');
        if (!allowed)
        {
            rejection = new Rejection(RejectionReason.InvalidCharacters, field,
                options.IdRegex is null ? $"{field} contains a control character" : $"{field} does not match Validation:IdPattern");
            return false;
        }

        return true;
    }

    public const int DefaultMaxIdLength = 128;
    public const int DefaultMaxTextLength = 128;
    public const string DefaultCurrency = "USD";

    /// <summary>Ids and optional texts: not empty or blank, at most maxLength UTF-16 characters.</summary>
    public static bool TryCheckText(string field, string value, int maxLength, out Rejection rejection)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            rejection = new Rejection(RejectionReason.EmptyValue, field, $"{field} is empty");
            return false;
        }

        if (value.Length > maxLength)
        {
            rejection = new Rejection(RejectionReason.ValueTooLong, field, $"{field} has {value.Length} characters; at most {maxLength} are allowed");
            return false;
        }

        rejection = default;
        return true;
    }

    /// <summary>Amounts are finite and not negative: a refund is a positive amount with kind refund.</summary>
    public static bool TryCheckAmount(double amount, out Rejection rejection)
    {
        if (!double.IsFinite(amount))
        {
            rejection = new Rejection(RejectionReason.AmountNotFinite, "amount", $"amount is {amount}; it must be a finite number");
            return false;
        }

        if (amount < 0)
        {
            rejection = new Rejection(RejectionReason.NegativeAmount, "amount",
                $"amount is {amount}; amounts are never negative (a refund is kind \"refund\" with a positive amount)");
            return false;
        }

        rejection = default;
        return true;
    }

    /// <summary>An ISO 4217 code: exactly three ASCII upper-case letters.</summary>
    public static bool IsCurrencyCode(ReadOnlySpan<char> code) =>
        code.Length == 3 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]) && char.IsAsciiLetterUpper(code[2]);

    public static Rejection InvalidCurrency(string currency) =>
        new(RejectionReason.InvalidCurrency, "currency", $"currency \"{currency}\" is not a three-letter upper-case ISO 4217 code");

    /// <summary>The wire names of the kinds, exactly as <see cref="Json.ClvJsonContext"/> writes them.</summary>
    public static bool TryParseKind(ReadOnlySpan<char> text, out TransactionKind kind)
    {
        if (text.Equals("purchase", StringComparison.Ordinal))
        {
            kind = TransactionKind.Purchase;
            return true;
        }

        if (text.Equals("refund", StringComparison.Ordinal))
        {
            kind = TransactionKind.Refund;
            return true;
        }

        kind = default;
        return false;
    }

    public static Rejection UnknownKind(string text) =>
        new(RejectionReason.UnknownKind, "kind", $"kind \"{text}\" is not one of: purchase, refund");
}
