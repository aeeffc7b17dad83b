using System.Diagnostics.CodeAnalysis;
using Clv.Contracts.Transactions;

namespace Clv.Contracts.Files;

/// <summary>One data row of a transactions file: an event, or the reason the row is malformed. LineNumber counts from 1.</summary>
public readonly record struct TransactionFileRow(int LineNumber, TransactionEvent? Event, string? Error)
{
    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Event is not null;

    public static TransactionFileRow Valid(int lineNumber, TransactionEvent transaction) => new(lineNumber, transaction, null);

    public static TransactionFileRow Malformed(int lineNumber, string error) => new(lineNumber, null, error);

    public override string ToString() => IsValid ? $"line {LineNumber}: {Event}" : $"line {LineNumber}: {Error}";
}
