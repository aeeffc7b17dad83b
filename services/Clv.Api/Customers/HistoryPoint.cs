using Clv.Contracts.Transactions;

namespace Clv.Api.Customers;

/// <summary>One event still in the customer's window and the scores right after it.</summary>
public sealed record HistoryPoint(
    long SeqNo,
    string EventId,
    DateTimeOffset OccurredAt,
    TransactionKind Kind,
    double Amount,
    double ChurnProbability,
    double ExpectedSpend,
    double Clv,
    double ClvP10,
    double ClvP90);
