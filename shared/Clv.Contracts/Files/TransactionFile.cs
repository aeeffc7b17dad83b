using Clv.Contracts.Transactions;

namespace Clv.Contracts.Files;

/// <summary>A whole transactions file: its valid events sorted by event time (ties keep file order) and its malformed rows.</summary>
public sealed record TransactionFile(IReadOnlyList<TransactionEvent> Events, IReadOnlyList<TransactionFileRow> MalformedRows)
{
    public int RowsRead => Events.Count + MalformedRows.Count;
}
