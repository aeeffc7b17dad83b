using System.Text;

namespace Clv.Contracts.Files;

/// <summary>Splits one CSV line (RFC 4180 quoting: "a,b" and "" for a quote inside; no line breaks inside quotes).</summary>
internal static class CsvFields
{
    /// <summary>Fills fields with the line's trimmed values; false when a quoted value is not closed.</summary>
    public static bool TrySplit(string line, List<string> fields)
    {
        fields.Clear();
        var value = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    value.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    value.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(value.ToString().Trim());
                value.Clear();
            }
            else
            {
                value.Append(c);
            }
        }

        fields.Add(value.ToString().Trim());
        return !quoted;
    }
}
