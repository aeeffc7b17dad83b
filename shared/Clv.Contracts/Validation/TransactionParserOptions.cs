namespace Clv.Contracts.Validation;

/// <summary>Limits of <see cref="TransactionParser"/>; the defaults suit the <c>transactions</c> topic.</summary>
public sealed record TransactionParserOptions
{
    public static TransactionParserOptions Default { get; } = new();

    /// <summary>How far past "now" an event time may lie before it is refused (clock skew between producers).</summary>
    public TimeSpan FutureTolerance { get; init; } = TimeSpan.FromDays(1);

    public int MaxIdLength { get; init; } = TransactionRules.DefaultMaxIdLength;

    /// <summary>Longest channel or category.</summary>
    public int MaxTextLength { get; init; } = TransactionRules.DefaultMaxTextLength;

    public int MaxMessageBytes { get; init; } = 64 * 1024;
}
