namespace Clv.Contracts.Transactions;

public enum TransactionKind
{
    Purchase,
    Refund,
}
