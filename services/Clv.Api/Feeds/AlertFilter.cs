using System.Text.Json;

namespace Clv.Api.Feeds;

/// <summary>
/// Which alerts a client asked for, read from the alert JSON itself (fields unknown to the API are ignored):
/// <c>as_of</c> at or after <see cref="Since"/>, <c>severity</c> equal to <see cref="Severity"/> when both are given.
/// </summary>
public sealed record AlertFilter(DateTimeOffset? Since, string? Severity)
{
    public static readonly string[] Severities = ["low", "medium", "high"];

    /// <summary>Null when the query is acceptable, else why not.</summary>
    public static string? Problem(string? severity) =>
        severity is null || Severities.Contains(severity, StringComparer.Ordinal) ? null : $"severity must be one of {string.Join(", ", Severities)}; got '{severity}'";

    public bool Matches(ReadOnlyMemory<byte> alert)
    {
        if (Since is null && Severity is null)
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(alert);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (Since is { } since && (!root.TryGetProperty("as_of", out var asOf) || !asOf.TryGetDateTimeOffset(out var time) || time < since))
            {
                return false;
            }

            return Severity is null || (root.TryGetProperty("severity", out var severity) && severity.ValueEquals(Severity));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
