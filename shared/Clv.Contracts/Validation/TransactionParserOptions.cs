using System.Text.RegularExpressions;

namespace Clv.Contracts.Validation;

/// <summary>
/// The bounds every way into the system applies (the sequencer's parser, <c>clv replay</c>, the trainer's file
/// reader), bound from the configuration section <c>Validation</c>; the defaults suit the <c>transactions</c> topic.
/// </summary>
public sealed record TransactionParserOptions
{
    public const string Section = "Validation";

    public static TransactionParserOptions Default { get; } = new();

    /// <summary>How far past "now" an event time may lie before it is refused (clock skew between producers).</summary>
    public TimeSpan FutureTolerance { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The earliest event time accepted: older dates are typos or placeholders (0001-01-01, 1900-01-01).</summary>
    public DateTimeOffset EarliestEventTime { get; init; } = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The smallest amount accepted (amounts are never negative: a refund is kind <c>refund</c>).</summary>
    public double MinAmount { get; init; }

    /// <summary>The largest amount accepted: one transaction beyond it is a unit or parsing error upstream.</summary>
    public double MaxAmount { get; init; } = 1_000_000_000;

    public int MaxIdLength { get; init; } = TransactionRules.DefaultMaxIdLength;

    /// <summary>
    /// A regular expression every event and customer id must match in full; empty means any text without control
    /// characters (a newline or NUL in an id is a producer bug).
    /// </summary>
    public string? IdPattern { get; init; }

    /// <summary>Longest channel or category.</summary>
    public int MaxTextLength { get; init; } = TransactionRules.DefaultMaxTextLength;

    public int MaxMessageBytes { get; init; } = 64 * 1024;

    /// <summary>The compiled <see cref="IdPattern"/> (anchored), or null for the default rule.</summary>
    internal Regex? IdRegex
    {
        get
        {
            if (string.IsNullOrEmpty(IdPattern))
            {
                return null;
            }

            // Keyed by the pattern: a copy made with `with { IdPattern = ... }` must not reuse the original's regex.
            var compiled = _compiled;
            if (compiled is null || compiled.Value.Pattern != IdPattern)
            {
                compiled = _compiled = (IdPattern, new Regex($"^(?:{IdPattern})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)));
            }

            return compiled.Value.Regex;
        }
    }

    /// <summary>Longest <see cref="MaxIdLength"/> allowed: 65,535 UTF-8 bytes, 3 per UTF-16 character at most.</summary>
    public const int MaxStorableIdLength = ushort.MaxValue / 3;

    private (string Pattern, Regex Regex)? _compiled;

    /// <summary>What is wrong with these options (empty when none): for start-up validation.</summary>
    public IEnumerable<string> Problems()
    {
        if (!(MinAmount >= 0 && MaxAmount > MinAmount && double.IsFinite(MaxAmount)))
        {
            yield return $"Validation:MinAmount ({MinAmount}) must be >= 0 and below a finite Validation:MaxAmount ({MaxAmount})";
        }

        if (FutureTolerance < TimeSpan.Zero)
        {
            yield return $"Validation:FutureTolerance ({FutureTolerance}) must not be negative";
        }

        if (MaxIdLength < 1 || MaxTextLength < 1 || MaxMessageBytes < 64)
        {
            yield return "Validation:MaxIdLength and MaxTextLength must be >= 1 and MaxMessageBytes >= 64";
        }

        if (MaxIdLength > MaxStorableIdLength)
        {
            yield return $"Validation:MaxIdLength ({MaxIdLength}) must be at most {MaxStorableIdLength}, the longest event id the workers can store";
        }

        if (!string.IsNullOrEmpty(IdPattern))
        {
            string? error = null;
            try
            {
                _ = new Regex(IdPattern);
            }
            catch (ArgumentException e)
            {
                error = e.Message;
            }

            if (error is not null)
            {
                yield return $"Validation:IdPattern is not a regular expression: {error}";
            }
        }
    }
}
