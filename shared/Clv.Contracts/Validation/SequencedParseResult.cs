using System.Diagnostics.CodeAnalysis;
using Clv.Contracts.Transactions;

namespace Clv.Contracts.Validation;

/// <summary>Either a readable sequenced record or the rejection that says why the input is not one.</summary>
public readonly record struct SequencedParseResult(SequencedTransaction? Sequenced, Rejection Rejection)
{
    [MemberNotNullWhen(true, nameof(Sequenced))]
    public bool IsValid => Sequenced is not null;

    public static SequencedParseResult Valid(SequencedTransaction sequenced) => new(sequenced, default);

    public static SequencedParseResult Rejected(Rejection rejection) => new(null, rejection);
}
