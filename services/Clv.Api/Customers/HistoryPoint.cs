using Clv.Contracts.Transactions;

namespace Clv.Api.Customers;

/// <summary>
/// One event still in the customer's window and the scores right after it. The window keeps an event's id only as
/// its hash: <see cref="EventIdHash"/> is XxHash3-64 of the id's UTF-8 bytes in 16 lower-case hex digits.
/// </summary>
public sealed record HistoryPoint(
    long SeqNo,
    string EventIdHash,
    DateTimeOffset OccurredAt,
    TransactionKind Kind,
    double Amount,
    double ChurnProbability,
    double ExpectedSpend,
    double Clv,
    double ClvP10,
    double ClvP90);
