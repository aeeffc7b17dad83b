using System.Text;
using Clv.Contracts.Json;
using Clv.Contracts.Transactions;
using Clv.Contracts.Validation;
using FsCheck;
using FsCheck.Fluent;

namespace Clv.Contracts.Tests.Validation;

/// <summary>Valid transactions with hostile-but-legal text, and inputs near them, for the parser's properties.</summary>
public static class TransactionGenerators
{
    private static readonly string[] FieldNames =
        ["event_id", "customer_id", "occurred_at", "amount", "currency", "kind", "channel", "category", "schema_version", "extra"];

    /// <summary>Any Unicode scalar value (surrogate pairs included, lone surrogates excluded): quotes, controls, emoji.</summary>
    private static readonly Gen<string> Scalar =
        Gen.Frequency(
                (3, Gen.Choose(0x20, 0x7E)),
                (1, Gen.Choose(0x00, 0x1F)),
                (1, Gen.Choose(0x80, 0xD7FF)),
                (1, Gen.Choose(0xE000, 0x10FFFF)))
            .Select(char.ConvertFromUtf32);

    private static readonly Gen<string> Text =
        Gen.Choose(1, 40).SelectMany(n => Gen.ArrayOf(Scalar, n)).Select(string.Concat).Where(s => !string.IsNullOrWhiteSpace(s));

    /// <summary>Ids: any text but control characters, which the default bounds refuse (TransactionParserOptions.IdPattern).</summary>
    private static readonly Gen<string> Id = Text.Where(s => !s.Any(char.IsControl));

    private static readonly Gen<double> Amount =
        Gen.OneOf(
            Gen.Choose(0, 1_000_000).Select(cents => cents / 100.0),
            Gen.Two(Gen.Choose(int.MinValue, int.MaxValue))
                .Select(t => Math.Abs(BitConverter.Int64BitsToDouble(((long)t.Item1 << 32) | (uint)t.Item2)))
                .Where(amount => amount <= TransactionParserOptions.Default.MaxAmount));

    private static readonly Gen<DateTimeOffset> Timestamp =
        Gen.Two(Gen.Choose(0, int.MaxValue))
            .Select(t => new DateTimeOffset(new DateTime(1970, 1, 1).Ticks + (((long)t.Item1 << 20) ^ t.Item2), TimeSpan.Zero));

    private static readonly Gen<string> Currency =
        Gen.ArrayOf(Gen.Choose('A', 'Z').Select(c => (char)c), 3).Select(c => new string(c));

    public static readonly Gen<TransactionEvent> ValidEvent =
        from eventId in Id
        from customerId in Id
        from occurredAt in Timestamp
        from amount in Amount
        from currency in Currency
        from kind in Gen.Elements(TransactionKind.Purchase, TransactionKind.Refund)
        from channel in Gen.OrNull(Text)
        from category in Gen.OrNull(Text)
        select new TransactionEvent(eventId, customerId, occurredAt, amount, currency, kind, channel, category);

    /// <summary>A valid event's JSON with bytes overwritten, inserted or cut: mostly almost-valid input.</summary>
    public static readonly Gen<byte[]> MutatedJson =
        from transaction in ValidEvent
        from edits in Gen.ListOf(Gen.Zip(Gen.Choose(0, 2), Gen.Two(Gen.Choose(0, 255))), 3)
        select Mutate(ClvJson.Serialize(transaction), edits);

    /// <summary>Objects of the transaction's field names with values of any JSON type, including duplicates.</summary>
    public static readonly Gen<byte[]> FieldSoup =
        Gen.ListOf(Gen.Zip(Gen.Elements(FieldNames), JsonValue()))
            .Select(fields => Encoding.UTF8.GetBytes("{" + string.Join(",", fields.Select(f => $"\"{f.Item1}\":{f.Item2}")) + "}"));

    public static Arbitrary<TransactionEvent> Transactions() => ValidEvent.ToArbitrary();

    private static Gen<string> JsonValue() =>
        Gen.OneOf(
            Gen.Elements("null", "true", "false", "1", "-1", "1.5", "1e400", "-1e400", "\"NaN\"", "\"Infinity\"", "\"\"", "\"  \"",
                "\"purchase\"", "\"refund\"", "\"USD\"", "\"usd\"", "\"2024-01-01T00:00:00Z\"", "\"2024-01-01T00:00:00\"",
                "\"9999-12-31T23:59:59Z\"", "\"0001-01-01T00:00:00+01:00\"", "\"\\ud800\"", "[]", "{}", "[1,{\"a\":[]}]", "2147483648"),
            Text.Select(t => System.Text.Json.JsonSerializer.Serialize(t)));

    private static byte[] Mutate(byte[] json, IReadOnlyList<(int Operation, (int Position, int Value) Arguments)> edits)
    {
        var bytes = new List<byte>(json);
        foreach (var (operation, (position, value)) in edits)
        {
            var index = bytes.Count == 0 ? 0 : position * 7919 % bytes.Count;
            switch (operation)
            {
                case 0 when bytes.Count > 0:
                    bytes[index] = (byte)value;
                    break;
                case 1:
                    bytes.Insert(index, (byte)value);
                    break;
                default:
                    bytes.RemoveRange(index, bytes.Count - index);
                    break;
            }
        }

        return [.. bytes];
    }
}
