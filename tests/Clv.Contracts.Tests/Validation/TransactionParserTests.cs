using System.Text;
using Clv.Contracts.Transactions;
using Clv.Contracts.Validation;

namespace Clv.Contracts.Tests.Validation;

public sealed class TransactionParserTests
{
    private const string Valid =
        """{"event_id":"e1","customer_id":"c1","occurred_at":"2024-05-06T07:08:09Z","amount":12.5,"currency":"USD","kind":"purchase","schema_version":1}""";

    private static readonly DateTimeOffset Now = new(2024, 5, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly TransactionParser _parser = new();

    [Fact]
    public void Parse_ValidMessage_YieldsTheEvent()
    {
        var result = Parse(Valid);

        Assert.Equal(new TransactionEvent("e1", "c1", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), 12.5, "USD", TransactionKind.Purchase), result.Event);
    }

    [Fact]
    public void Parse_UnknownFieldsAnyOrderAndOffsetTimestamp_AreAccepted()
    {
        var result = Parse("""
            { "schema_version": 1, "future": {"nested": [1, 2, {"x": null}]}, "kind": "refund", "amount": 3,
              "currency": "EUR", "occurred_at": "2024-05-06T09:08:09+02:00", "customer_id": "c\u0031", "event_id": "e1",
              "channel": "web", "category": null }
            """);

        Assert.True(result.IsValid, result.Rejection.ToString());
        Assert.Equal(new TransactionEvent("e1", "c1", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), 3, "EUR", TransactionKind.Refund, "web"), result.Event);
        Assert.Equal(TimeSpan.Zero, result.Event.OccurredAt.Offset);
    }

    [Theory]
    [InlineData("", RejectionReason.InvalidJson, "")]
    [InlineData("   ", RejectionReason.InvalidJson, "")]
    [InlineData("""{"event_id":"e1",""", RejectionReason.InvalidJson, "")]
    [InlineData("""{"event_id":"e1"} {}""", RejectionReason.InvalidJson, "")]
    [InlineData("""{"event_id":'e1'}""", RejectionReason.InvalidJson, "")]
    [InlineData("[1,2]", RejectionReason.NotAnObject, "")]
    [InlineData("\"text\"", RejectionReason.NotAnObject, "")]
    [InlineData("""{"event_id":"\ud800"}""", RejectionReason.InvalidEncoding, "")]
    public void Parse_MalformedMessage_IsRefusedWithTheReason(string json, RejectionReason reason, string field) =>
        AssertRejected(Parse(json), reason, field);

    [Fact]
    public void Parse_InvalidUtf8_IsInvalidEncoding()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid);
        bytes[15] = 0xC3;

        AssertRejected(_parser.Parse(bytes, Now), RejectionReason.InvalidEncoding, "");
    }

    [Fact]
    public void Parse_MessageOverTheLimit_IsMessageTooLarge()
    {
        var parser = new TransactionParser(new TransactionParserOptions { MaxMessageBytes = 100 });

        AssertRejected(parser.Parse(Encoding.UTF8.GetBytes(Valid.Replace("\"c1\"", "\"" + new string('c', 100) + "\"")), Now), RejectionReason.MessageTooLarge, "");
    }

    [Fact]
    public void Parse_Utf8ByteOrderMark_IsIgnored()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Valid)];

        Assert.True(_parser.Parse(bytes, Now).IsValid);
    }

    [Theory]
    [InlineData("event_id")]
    [InlineData("customer_id")]
    [InlineData("occurred_at")]
    [InlineData("amount")]
    [InlineData("currency")]
    [InlineData("kind")]
    [InlineData("schema_version")]
    public void Parse_RequiredFieldAbsent_IsMissingField(string field) =>
        AssertRejected(Parse(Without(field)), RejectionReason.MissingField, field);

    [Theory]
    [InlineData("\"event_id\":\"e1\"", "\"event_id\":1", "event_id")]
    [InlineData("\"customer_id\":\"c1\"", "\"customer_id\":null", "customer_id")]
    [InlineData("\"occurred_at\":\"2024-05-06T07:08:09Z\"", "\"occurred_at\":1714979289", "occurred_at")]
    [InlineData("\"amount\":12.5", "\"amount\":\"12.5\"", "amount")]
    [InlineData("\"amount\":12.5", "\"amount\":[12.5]", "amount")]
    [InlineData("\"currency\":\"USD\"", "\"currency\":{}", "currency")]
    [InlineData("\"kind\":\"purchase\"", "\"kind\":0", "kind")]
    [InlineData("\"schema_version\":1", "\"schema_version\":\"1\"", "schema_version")]
    [InlineData("\"schema_version\":1", "\"schema_version\":1.5", "schema_version")]
    [InlineData("\"schema_version\":1", "\"schema_version\":1,\"channel\":7", "channel")]
    public void Parse_FieldOfTheWrongJsonType_IsWrongType(string original, string replacement, string field) =>
        AssertRejected(Parse(Valid.Replace(original, replacement)), RejectionReason.WrongType, field);

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    public void Parse_NonFiniteAmount_IsAmountNotFinite(string amount) =>
        AssertRejected(Parse(Valid.Replace("12.5", amount)), RejectionReason.AmountNotFinite, "amount");

    [Fact]
    public void Parse_NegativeAmount_IsNegativeAmountEvenForARefund() =>
        AssertRejected(Parse(Valid.Replace("12.5", "-12.5").Replace("purchase", "refund")), RejectionReason.NegativeAmount, "amount");

    [Theory]
    [InlineData("gift")]
    [InlineData("Purchase")]
    [InlineData("")]
    public void Parse_UnknownKind_IsUnknownKind(string kind) =>
        AssertRejected(Parse(Valid.Replace("\"purchase\"", $"\"{kind}\"")), RejectionReason.UnknownKind, "kind");

    [Theory]
    [InlineData("0")]
    [InlineData("2")]
    [InlineData("-1")]
    public void Parse_UnknownSchemaVersion_IsUnknownSchemaVersion(string version) =>
        AssertRejected(Parse(Valid.Replace("\"schema_version\":1", $"\"schema_version\":{version}")), RejectionReason.UnknownSchemaVersion, "schema_version");

    [Fact]
    public void Parse_UnknownSchemaVersion_IsReportedBeforeOtherFieldErrors() =>
        AssertRejected(Parse("""{"schema_version":2,"amount":"twelve","customer":"c1"}"""), RejectionReason.UnknownSchemaVersion, "schema_version");

    [Theory]
    [InlineData("event_id", "")]
    [InlineData("event_id", "   ")]
    [InlineData("customer_id", "")]
    [InlineData("channel", "")]
    public void Parse_BlankText_IsEmptyValue(string field, string value) =>
        AssertRejected(Parse(With(field, value)), RejectionReason.EmptyValue, field);

    [Fact]
    public void Parse_IdOverTheLimit_IsValueTooLong()
    {
        var parser = new TransactionParser(new TransactionParserOptions { MaxIdLength = 8 });

        Assert.True(parser.Parse(Encoding.UTF8.GetBytes(With("customer_id", "12345678")), Now).IsValid);
        AssertRejected(parser.Parse(Encoding.UTF8.GetBytes(With("customer_id", "123456789")), Now), RejectionReason.ValueTooLong, "customer_id");
    }

    [Fact]
    public void Parse_CategoryOverTheLimit_IsValueTooLong() =>
        AssertRejected(Parse(With("category", new string('x', TransactionRules.DefaultMaxTextLength + 1))), RejectionReason.ValueTooLong, "category");

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("USDT")]
    [InlineData("U$D")]
    public void Parse_CurrencyNotAnIsoCode_IsInvalidCurrency(string currency) =>
        AssertRejected(Parse(Valid.Replace("\"USD\"", $"\"{currency}\"")), RejectionReason.InvalidCurrency, "currency");

    [Theory]
    [InlineData("2024-05-06T07:08:09")]
    [InlineData("2024-05-06")]
    [InlineData("yesterday")]
    [InlineData("2024-13-06T07:08:09Z")]
    [InlineData("06/05/2024 07:08:09 +00:00")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    public void Parse_TimestampWithoutOffsetOrUnparsable_IsInvalidTimestamp(string timestamp) =>
        AssertRejected(Parse(With("occurred_at", timestamp)), RejectionReason.InvalidTimestamp, "occurred_at");

    [Fact]
    public void Parse_TimestampBeyondTheTolerance_IsTimestampInFuture()
    {
        var parser = new TransactionParser(new TransactionParserOptions { FutureTolerance = TimeSpan.FromHours(1) });
        string At(DateTimeOffset t) => With("occurred_at", t.ToString("yyyy-MM-ddTHH:mm:ssZ"));

        Assert.True(parser.Parse(Encoding.UTF8.GetBytes(At(Now.AddHours(1))), Now).IsValid);
        AssertRejected(parser.Parse(Encoding.UTF8.GetBytes(At(Now.AddHours(1).AddSeconds(1))), Now), RejectionReason.TimestampInFuture, "occurred_at");
    }

    [Fact]
    public void Parse_DefaultTolerance_IsOneDay()
    {
        AssertRejected(Parse(With("occurred_at", "2024-05-07T12:00:01Z")), RejectionReason.TimestampInFuture, "occurred_at");
        Assert.True(Parse(With("occurred_at", "2024-05-07T12:00:00Z")).IsValid);
    }

    [Fact]
    public void Parse_RepeatedField_IsDuplicateField() =>
        AssertRejected(Parse(Valid.Replace("\"amount\":12.5", "\"amount\":12.5,\"amount\":1")), RejectionReason.DuplicateField, "amount");

    private TransactionParseResult Parse(string json) => _parser.Parse(Encoding.UTF8.GetBytes(json), Now);

    private static void AssertRejected(TransactionParseResult result, RejectionReason reason, string field)
    {
        Assert.False(result.IsValid, $"accepted: {result.Event}");
        Assert.Equal((reason, field), (result.Rejection.Reason, result.Rejection.Field));
        Assert.False(string.IsNullOrWhiteSpace(result.Rejection.Message));
    }

    /// <summary>The valid message with one field removed.</summary>
    private static string Without(string field)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(Valid)!.AsObject();
        document.Remove(field);
        return document.ToJsonString();
    }

    /// <summary>The valid message with one string field set (or added).</summary>
    private static string With(string field, string value)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(Valid)!.AsObject();
        document[field] = value;
        return document.ToJsonString();
    }
}
