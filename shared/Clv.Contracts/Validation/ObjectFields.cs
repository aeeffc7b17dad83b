using System.Numerics;
using System.Text.Json;

namespace Clv.Contracts.Validation;

/// <summary>
/// Walks the fields of one JSON object for a parser of a fixed set of <see cref="FieldNames"/>, from the reader on
/// the opening brace to the closing one: each known field once and in any order, unknown fields skipped (forward
/// compatibility), a repeated one refused (which value was meant is ambiguous). It keeps the first rejection, so a
/// message gets one reason, and names the first required field that never came.
/// </summary>
internal ref struct ObjectFields(FieldNames names)
{
    private int _seen;

    public Rejection? FirstError { get; private set; }

    /// <summary>Moves to the next known field not seen before, the reader on its value; false at the end of the object.</summary>
    public bool Next(ref Utf8JsonReader reader, out int field)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            field = names.Find(ref reader);
            reader.Read();
            if (field < 0)
            {
                reader.Skip();
                continue;
            }

            if ((_seen & (1 << field)) != 0)
            {
                Refuse(ref reader, new Rejection(RejectionReason.DuplicateField, names[field], $"{names[field]} appears more than once"));
                continue;
            }

            _seen |= 1 << field;
            return true;
        }

        field = -1;
        return false;
    }

    /// <summary>The field the reader is on cannot be read: the first such rejection is kept, the value skipped.</summary>
    public void Refuse(ref Utf8JsonReader reader, Rejection error)
    {
        FirstError ??= error;
        reader.Skip();
    }

    /// <summary>The first of the <paramref name="required"/> fields (a bit mask, in the names' order) that never came.</summary>
    public readonly Rejection? Missing(int required)
    {
        var missing = required & ~_seen;
        if (missing == 0)
        {
            return null;
        }

        var name = names[BitOperations.TrailingZeroCount(missing)];
        return new Rejection(RejectionReason.MissingField, name, $"{name} is missing");
    }
}
