using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Clv.Contracts.Json;

/// <summary>
/// UTF-8 JSON of every contract through <see cref="ClvJsonContext"/> (no reflection).
/// A transaction read from a topic is read by <see cref="Validation.TransactionParser"/> (a sequenced record by
/// <see cref="Validation.SequencedTransactionParser"/>, built on it), which never throws and says why a message
/// is refused; <see cref="Deserialize{T}"/> is for the other, trusted messages.
/// </summary>
public static class ClvJson
{
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>.Value);

    /// <summary>Writes into a caller-owned buffer, so a hot path can reuse one writer and buffer.</summary>
    public static void Serialize<T>(Utf8JsonWriter writer, T value) => JsonSerializer.Serialize(writer, value, TypeInfo<T>.Value);

    public static void Serialize<T>(IBufferWriter<byte> buffer, T value)
    {
        using var writer = new Utf8JsonWriter(buffer);
        JsonSerializer.Serialize(writer, value, TypeInfo<T>.Value);
    }

    /// <exception cref="JsonException">The bytes are not a valid message of type T.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, TypeInfo<T>.Value) ?? throw new JsonException($"null is not a {typeof(T).Name}");

    /// <summary>One lookup per message type; fails at first use if T is not registered in the context.</summary>
    private static class TypeInfo<T>
    {
        public static readonly JsonTypeInfo<T> Value = (JsonTypeInfo<T>)(ClvJsonContext.Default.GetTypeInfo(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered in {nameof(ClvJsonContext)}"));
    }
}
