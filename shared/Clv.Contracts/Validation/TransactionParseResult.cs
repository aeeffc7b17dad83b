using System.Diagnostics.CodeAnalysis;
using Clv.Contracts.Transactions;

namespace Clv.Contracts.Validation;

/// <summary>Either a valid event or the rejection that says why the input is not one.</summary>
public readonly record struct TransactionParseResult(TransactionEvent? Event, Rejection Rejection)
{
    [MemberNotNullWhen(true, nameof(Event))]
    public bool IsValid => Event is not null;

    public static TransactionParseResult Valid(TransactionEvent transaction) => new(transaction, default);

    public static TransactionParseResult Rejected(Rejection rejection) => new(null, rejection);

    public static TransactionParseResult Rejected(RejectionReason reason, string field, string message) => new(null, new Rejection(reason, field, message));
}
