using System.Text;
using System.Text.Json.Nodes;
using Clv.Contracts.Json;
using Clv.Contracts.Transactions;
using Clv.Contracts.Validation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Contracts.Tests.Validation;

/// <summary>
/// A record of <c>transactions.sequenced</c> is read by the one transaction reader: the envelope here, the
/// transaction inside it with the same checks (and settings) as at the sequencer's door (issue 10: one reader of events).
/// </summary>
public sealed class SequencedTransactionParserTests
{
    private const string Transaction =
        """{"event_id":"e1","customer_id":"c1","occurred_at":"2024-05-06T07:08:09Z","amount":12.5,"currency":"USD","kind":"purchase","schema_version":1}""";

    private const string Valid = $$"""{"transaction":{{Transaction}},"seq_no":7,"source_partition":3,"source_offset":42,"schema_version":1}""";

    private static readonly DateTimeOffset Now = new(2024, 5, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly SequencedTransactionParser _parser = new(new TransactionParser());

    [Fact]
    public void Parse_ValidRecord_YieldsTheEnvelopeAndTheTransaction()
    {
        var result = Parse(Valid);

        var expected = new TransactionEvent("e1", "c1", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), 12.5, "USD", TransactionKind.Purchase);
        Assert.Equal(new SequencedTransaction(expected, 7, 3, 42), result.Sequenced);
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(TransactionGenerators)])]
    public void Parse_WhatTheSequencerWrites_RoundTripsExactly(TransactionEvent transaction, PositiveInt seqNo, NonNegativeInt partition)
    {
        var sequenced = new SequencedTransaction(transaction, seqNo.Get, partition.Get, (long)seqNo.Get * 1000);

        var result = new SequencedTransactionParser(new TransactionParser()).Parse(ClvJson.Serialize(sequenced), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.True(result.IsValid, result.Rejection.ToString());
        Assert.Equal(sequenced, result.Sequenced);
    }

    [Theory]
    [InlineData("customer_id", RejectionReason.MissingField, "transaction.customer_id")]
    [InlineData("occurred_at", RejectionReason.MissingField, "transaction.occurred_at")]
    public void Parse_ATransactionMissingAField_IsRefusedNamingTheFieldInsideTheTransaction(string field, RejectionReason reason, string named) =>
        AssertRejected(Parse(WithTransaction(t => t.Remove(field))), reason, named);

    [Fact]
    public void Parse_TheTransactionsOwnChecks_Apply()
    {
        AssertRejected(Parse(WithTransaction(t => t["amount"] = "NaN")), RejectionReason.AmountNotFinite, "transaction.amount");
        AssertRejected(Parse(Valid.Replace("\"amount\":12.5", "\"amount\":12.5,\"amount\":1")), RejectionReason.DuplicateField, "transaction.amount");
        AssertRejected(Parse(WithTransaction(t => t["kind"] = "gift")), RejectionReason.UnknownKind, "transaction.kind");
    }

    [Fact]
    public void Parse_TheTransactionReadersSettings_Apply()
    {
        var parser = new SequencedTransactionParser(new TransactionParser(new TransactionParserOptions { MaxIdLength = 2 }));

        var result = parser.Parse(Encoding.UTF8.GetBytes(WithTransaction(t => t["customer_id"] = "c12")), Now);

        AssertRejected(result, RejectionReason.ValueTooLong, "transaction.customer_id");
    }

    [Fact]
    public void Parse_ARecordLargerThanTheTransactionLimit_IsRead()
    {
        // The record (an envelope, and the transaction as the sequencer re-serialised it, non-ASCII escaped) is larger
        // than the original the size limit applied to; refusing it would drop an event the sequencer accepted.
        var category = new string('é', 40);
        var original = Encoding.UTF8.GetBytes(Transaction.Replace("\"schema_version\"", $"\"category\":\"{category}\",\"schema_version\""));
        var transactions = new TransactionParser(new TransactionParserOptions { MaxMessageBytes = original.Length });
        var accepted = transactions.Parse(original, Now);
        Assert.True(accepted.IsValid, accepted.Rejection.ToString());
        var record = ClvJson.Serialize(new SequencedTransaction(accepted.Event, 1, 0, 0));
        Assert.True(record.Length > original.Length, $"{record.Length} bytes");

        var result = new SequencedTransactionParser(transactions).Parse(record, Now);

        Assert.True(result.IsValid, result.Rejection.ToString());
        Assert.Equal(category, result.Sequenced.Transaction.Category);
    }

    [Theory]
    [InlineData("seq_no", "0", RejectionReason.WrongType)]
    [InlineData("seq_no", "\"7\"", RejectionReason.WrongType)]
    [InlineData("source_partition", "-1", RejectionReason.WrongType)]
    [InlineData("source_partition", "2147483648", RejectionReason.WrongType)]
    [InlineData("source_offset", "1.5", RejectionReason.WrongType)]
    [InlineData("transaction", "null", RejectionReason.WrongType)]
    [InlineData("transaction", "[]", RejectionReason.WrongType)]
    [InlineData("schema_version", "2", RejectionReason.UnknownSchemaVersion)]
    [InlineData("schema_version", "\"1\"", RejectionReason.WrongType)]
    public void Parse_AnEnvelopeFieldThatIsNotWhatTheSequencerWrites_IsRefusedNamingIt(string field, string json, RejectionReason reason)
    {
        var document = JsonNode.Parse(Valid)!.AsObject();
        document[field] = JsonNode.Parse(json);

        AssertRejected(Parse(document.ToJsonString()), reason, field);
    }

    [Theory]
    [InlineData("transaction")]
    [InlineData("seq_no")]
    [InlineData("source_partition")]
    [InlineData("source_offset")]
    [InlineData("schema_version")]
    public void Parse_AMissingEnvelopeField_IsMissingField(string field)
    {
        var document = JsonNode.Parse(Valid)!.AsObject();
        document.Remove(field);

        AssertRejected(Parse(document.ToJsonString()), RejectionReason.MissingField, field);
    }

    [Theory]
    [InlineData("", RejectionReason.InvalidJson)]
    [InlineData("[1]", RejectionReason.NotAnObject)]
    [InlineData(Valid + " {}", RejectionReason.InvalidJson)]
    [InlineData("""{"transaction":{"event_id":"\ud800"},"seq_no":1}""", RejectionReason.InvalidEncoding)]
    public void Parse_MalformedRecord_IsRefusedWithTheReason(string json, RejectionReason reason) =>
        AssertRejected(Parse(json), reason, "");

    [Property(MaxTest = 2000)]
    public bool Parse_ArbitraryBytes_NeverThrows(byte[] bytes) => IsWellFormed(_parser.Parse(bytes, Now));

    [Property(MaxTest = 2000)]
    public Property Parse_AnyMutatedTransactionInside_NeverThrows() =>
        Prop.ForAll(TransactionGenerators.MutatedJson.ToArbitrary(), transaction =>
        {
            byte[] record = [.. "{\"seq_no\":1,\"source_partition\":0,\"source_offset\":0,\"schema_version\":1,\"transaction\":"u8, .. transaction, .. "}"u8];
            return IsWellFormed(_parser.Parse(record, Now));
        });

    private SequencedParseResult Parse(string json) => _parser.Parse(Encoding.UTF8.GetBytes(json), Now);

    private static string WithTransaction(Action<JsonObject> change)
    {
        var document = JsonNode.Parse(Valid)!.AsObject();
        change(document["transaction"]!.AsObject());
        return document.ToJsonString();
    }

    private static void AssertRejected(SequencedParseResult result, RejectionReason reason, string field)
    {
        Assert.False(result.IsValid, $"accepted: {result.Sequenced}");
        Assert.Equal((reason, field), (result.Rejection.Reason, result.Rejection.Field));
        Assert.False(string.IsNullOrWhiteSpace(result.Rejection.Message));
    }

    private static bool IsWellFormed(SequencedParseResult result) =>
        result.IsValid
            ? result.Rejection == default
            : Enum.IsDefined(result.Rejection.Reason) && !string.IsNullOrEmpty(result.Rejection.Message) && result.Rejection.Field is not null;
}
