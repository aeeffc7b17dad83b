using Clv.Contracts.Transactions;
using Clv.Model.Data;

namespace Clv.Workers.State;

/// <summary>A transaction as the model sees it (amount as a magnitude, refunds flagged), as Clv.Model's histories build it.</summary>
public static class CustomerEvents
{
    public static CustomerEvent From(TransactionEvent transaction) =>
        new(transaction.OccurredAt.UtcDateTime, Math.Abs(transaction.Amount), transaction.Kind == TransactionKind.Refund, transaction.Category, transaction.Channel);
}
