using Clv.Contracts.Transactions;
using Clv.Contracts.Validation;

namespace Clv.Contracts.Files;

/// <summary>
/// Reads transaction files (the canonical CSV or the CDNOW text format). Every non-blank data line
/// yields one row: an event or the reason it is malformed, never nothing. Event ids default to
/// <c>&lt;file-stem&gt;:&lt;line&gt;</c>, so replaying the same file twice yields the same ids.
/// </summary>
public static class TransactionFileReader
{
    /// <summary>CSV when the first non-blank line contains a comma, CDNOW otherwise.</summary>
    public static TransactionFileFormat DetectFormat(string firstLine) =>
        firstLine.Contains(',') ? TransactionFileFormat.Csv : TransactionFileFormat.Cdnow;

    /// <summary>
    /// The file's rows in file order, read lazily; a row outside the bounds of <paramref name="validation"/>
    /// (the ones the sequencer applies, <see cref="TransactionRules.TryCheckEvent"/>) is malformed.
    /// </summary>
    /// <exception cref="InvalidDataException">A CSV header lacks a required column.</exception>
    public static IEnumerable<TransactionFileRow> ReadRows(
        string path, TransactionFileFormat format = TransactionFileFormat.Auto, TransactionParserOptions? validation = null, DateTimeOffset? now = null)
    {
        validation ??= TransactionParserOptions.Default;
        var checkedAt = now ?? DateTimeOffset.UtcNow;
        var eventIdPrefix = Path.GetFileNameWithoutExtension(path) + ":";
        using var reader = new StreamReader(path);
        ITransactionRowParser? parser = null;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (parser is null)
            {
                if (format == TransactionFileFormat.Auto)
                {
                    format = DetectFormat(line);
                }

                if (format == TransactionFileFormat.Csv)
                {
                    parser = new CsvRowParser(line, eventIdPrefix);
                    continue;
                }

                parser = new CdnowRowParser(eventIdPrefix);
                if (CdnowRowParser.IsHeader(line))
                {
                    continue;
                }
            }

            var row = parser.Parse(line, lineNumber);
            yield return row.IsValid && !TransactionRules.TryCheckEvent(row.Event, validation, checkedAt, out var rejection)
                ? TransactionFileRow.Malformed(lineNumber, rejection.Message)
                : row;
        }
    }

    /// <summary>The whole file, its events sorted by event time; rows of equal time keep file order.</summary>
    public static TransactionFile Load(
        string path, TransactionFileFormat format = TransactionFileFormat.Auto, TransactionParserOptions? validation = null, DateTimeOffset? now = null)
    {
        var events = new List<TransactionEvent>();
        var malformed = new List<TransactionFileRow>();
        foreach (var row in ReadRows(path, format, validation, now))
        {
            if (row.IsValid)
            {
                events.Add(row.Event);
            }
            else
            {
                malformed.Add(row);
            }
        }

        // OrderBy is a stable sort, unlike List.Sort.
        return new TransactionFile(events.OrderBy(e => e.OccurredAt.UtcTicks).ToArray(), malformed);
    }
}
