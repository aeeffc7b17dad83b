using Clv.Contracts.Transactions;
using Clv.Contracts.Validation;

namespace Clv.Contracts.Files;

/// <summary>
/// CDNOW text rows: master <c>id yyyymmdd cds value</c> or sample <c>masterid sampleid yyyymmdd cds value</c>.
/// The customer id is the master id as written ("00004"), so the sample and the master name customers alike;
/// the number of CDs is not part of a transaction event and is ignored.
/// </summary>
internal sealed class CdnowRowParser(string eventIdPrefix) : ITransactionRowParser
{
    private const string ColumnsHint = "expected \"id yyyymmdd cds value\" or \"masterid sampleid yyyymmdd cds value\"";

    /// <summary>The master file starts with a header ("customer_id date ..."); a data line starts with a digit.</summary>
    public static bool IsHeader(string line)
    {
        var trimmed = line.AsSpan().TrimStart();
        return trimmed.Length > 0 && !char.IsAsciiDigit(trimmed[0]);
    }

    public TransactionFileRow Parse(string line, int lineNumber)
    {
        var columns = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (columns.Length is not (4 or 5))
        {
            return TransactionFileRow.Malformed(lineNumber, $"{columns.Length} columns; {ColumnsHint}");
        }

        var dateColumn = columns.Length - 3;
        if (RowValues.TryCheckId("customer_id", columns[0]) is { } idError)
        {
            return TransactionFileRow.Malformed(lineNumber, idError);
        }

        if (RowValues.TryParseDate(columns[dateColumn], out var occurredAt) is { } dateError)
        {
            return TransactionFileRow.Malformed(lineNumber, dateError);
        }

        if (RowValues.TryParseAmount(columns[^1], out var amount) is { } amountError)
        {
            return TransactionFileRow.Malformed(lineNumber, amountError);
        }

        var transaction = new TransactionEvent(
            EventId: $"{eventIdPrefix}{lineNumber}",
            CustomerId: columns[0],
            OccurredAt: occurredAt,
            Amount: amount,
            Currency: TransactionRules.DefaultCurrency,
            Kind: TransactionKind.Purchase);
        return TransactionFileRow.Valid(lineNumber, transaction);
    }
}
