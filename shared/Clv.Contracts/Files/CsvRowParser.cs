using Clv.Contracts.Transactions;
using Clv.Contracts.Validation;

namespace Clv.Contracts.Files;

/// <summary>
/// Rows of the canonical CSV. The header names the columns (any order, case-insensitive): required
/// <c>customer_id</c>, <c>date</c> (or <c>occurred_at</c>), <c>amount</c>; optional <c>event_id</c>, <c>kind</c>,
/// <c>currency</c>, <c>channel</c>, <c>category</c>; other columns are ignored. Empty optional values take the
/// defaults: event id <c>&lt;file-stem&gt;:&lt;line&gt;</c>, kind purchase, currency USD, no channel or category.
/// </summary>
internal sealed class CsvRowParser : ITransactionRowParser
{
    private readonly string _eventIdPrefix;
    private readonly int _customerId;
    private readonly int _date;
    private readonly int _amount;
    private readonly int _eventId;
    private readonly int _kind;
    private readonly int _currency;
    private readonly int _channel;
    private readonly int _category;
    private readonly int _requiredColumns;
    private readonly List<string> _fields = [];

    /// <exception cref="InvalidDataException">The header lacks a required column.</exception>
    public CsvRowParser(string headerLine, string eventIdPrefix)
    {
        _eventIdPrefix = eventIdPrefix;
        var header = new List<string>();
        if (!CsvFields.TrySplit(headerLine, header))
        {
            throw new InvalidDataException("the CSV header has an unclosed quote");
        }

        int Column(string name) => header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        int Required(params string[] names)
        {
            foreach (var name in names)
            {
                if (Column(name) is var index and >= 0)
                {
                    return index;
                }
            }

            throw new InvalidDataException($"the CSV header \"{headerLine}\" has no column {string.Join(" or ", names)}; required: customer_id, date, amount");
        }

        _customerId = Required("customer_id");
        _date = Required("date", "occurred_at");
        _amount = Required("amount");
        _eventId = Column("event_id");
        _kind = Column("kind");
        _currency = Column("currency");
        _channel = Column("channel");
        _category = Column("category");
        _requiredColumns = 1 + Math.Max(Math.Max(_customerId, _date), _amount);
    }

    public TransactionFileRow Parse(string line, int lineNumber)
    {
        if (!CsvFields.TrySplit(line, _fields))
        {
            return TransactionFileRow.Malformed(lineNumber, "unclosed quote");
        }

        if (_fields.Count < _requiredColumns)
        {
            return TransactionFileRow.Malformed(lineNumber, $"{_fields.Count} columns; the header needs at least {_requiredColumns}");
        }

        var customerId = _fields[_customerId];
        if (RowValues.TryCheckId("customer_id", customerId) is { } customerError)
        {
            return TransactionFileRow.Malformed(lineNumber, customerError);
        }

        if (RowValues.TryParseDate(_fields[_date], out var occurredAt) is { } dateError)
        {
            return TransactionFileRow.Malformed(lineNumber, dateError);
        }

        if (RowValues.TryParseAmount(_fields[_amount], out var amount) is { } amountError)
        {
            return TransactionFileRow.Malformed(lineNumber, amountError);
        }

        var eventId = Optional(_eventId) ?? $"{_eventIdPrefix}{lineNumber}";
        if (RowValues.TryCheckId("event_id", eventId) is { } eventIdError)
        {
            return TransactionFileRow.Malformed(lineNumber, eventIdError);
        }

        var kind = TransactionKind.Purchase;
        if (Optional(_kind) is { } kindText && !TransactionRules.TryParseKind(kindText.ToLowerInvariant(), out kind))
        {
            return TransactionFileRow.Malformed(lineNumber, TransactionRules.UnknownKind(kindText).Message);
        }

        var currency = Optional(_currency)?.ToUpperInvariant() ?? TransactionRules.DefaultCurrency;
        if (!TransactionRules.IsCurrencyCode(currency))
        {
            return TransactionFileRow.Malformed(lineNumber, TransactionRules.InvalidCurrency(currency).Message);
        }

        var channel = Optional(_channel);
        var category = Optional(_category);
        if ((TextError("channel", channel) ?? TextError("category", category)) is { } textError)
        {
            return TransactionFileRow.Malformed(lineNumber, textError);
        }

        return TransactionFileRow.Valid(lineNumber, new TransactionEvent(
            eventId, customerId, occurredAt, amount, currency, kind, channel, category));
    }

    /// <summary>The column's value, or null when the column is absent or the value empty.</summary>
    private string? Optional(int column) =>
        column >= 0 && column < _fields.Count && _fields[column].Length > 0 ? _fields[column] : null;

    private static string? TextError(string field, string? value) =>
        value is null || TransactionRules.TryCheckText(field, value, TransactionRules.DefaultMaxTextLength, out var rejection)
            ? null
            : rejection.Message;
}
