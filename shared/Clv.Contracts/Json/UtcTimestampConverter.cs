using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clv.Contracts.Json;

/// <summary>
/// Writes every timestamp as ISO-8601 UTC with a <c>Z</c> suffix and reads any offset back as UTC,
/// so one instant always has one spelling on the wire.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime);
}
