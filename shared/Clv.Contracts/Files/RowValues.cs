using System.Globalization;
using Clv.Contracts.Validation;

namespace Clv.Contracts.Files;

/// <summary>Field conversions the file formats share; each returns null or the reason the text is refused.</summary>
internal static class RowValues
{
    /// <summary>A finite, non-negative amount in invariant culture ("12.50").</summary>
    public static string? TryParseAmount(string text, out double amount)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out amount))
        {
            return $"amount \"{text}\" is not a number";
        }

        return TransactionRules.TryCheckAmount(amount, out var rejection) ? null : rejection.Message;
    }

    /// <summary>
    /// A date (<c>yyyy-MM-dd</c> or <c>yyyyMMdd</c>, midnight UTC) or an ISO-8601 timestamp; a timestamp
    /// without an offset is read as UTC.
    /// </summary>
    public static string? TryParseDate(string text, out DateTimeOffset occurredAt)
    {
        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        occurredAt = default;
        var parsed = text.Length switch
        {
            8 => DateTimeOffset.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, Utc, out occurredAt),
            10 => DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, Utc, out occurredAt),
            _ => (text.Contains('T') || text.Contains(' ')) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Utc, out occurredAt),
        };
        if (!parsed)
        {
            return $"date \"{text}\" is neither yyyy-MM-dd, yyyyMMdd nor an ISO-8601 timestamp";
        }

        return null;
    }

    public static string? TryCheckId(string field, string value) =>
        TransactionRules.TryCheckText(field, value, TransactionRules.DefaultMaxIdLength, out var rejection) ? null : rejection.Message;
}
