using System.Text;
using System.Text.Json;

namespace Clv.Contracts.Validation;

/// <summary>
/// The fields a parser knows, numbered by their position (at most 32): UTF-8 to match a property name without
/// decoding it, text for the messages. A set of fields is a bit mask of their numbers.
/// </summary>
internal sealed class FieldNames
{
    private readonly string[] _names;
    private readonly byte[][] _utf8;

    public FieldNames(params string[] names)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(names.Length, 32);
        _names = names;
        _utf8 = [.. names.Select(Encoding.UTF8.GetBytes)];
    }

    public string this[int field] => _names[field];

    /// <summary>The number of the property name the reader is on, or -1 for a name this parser does not know.</summary>
    public int Find(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < _utf8.Length; i++)
        {
            if (reader.ValueTextEquals(_utf8[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
