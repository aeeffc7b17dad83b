using System.Text;
using Clv.Contracts.Alerts;
using Clv.Contracts.Json;
using Clv.Contracts.ModelLifecycle;
using Clv.Contracts.Transactions;

namespace Clv.Contracts.Tests.Json;

public sealed class ClvJsonTests
{
    private static readonly DateTimeOffset At = new(2024, 5, 6, 7, 8, 9, 123, TimeSpan.FromHours(2));

    [Fact]
    public void Serialize_Transaction_UsesSnakeCaseLowerCaseKindAndUtcTimestamp()
    {
        var json = Encoding.UTF8.GetString(ClvJson.Serialize(
            new TransactionEvent("e1", "c1", At, 12.5, "USD", TransactionKind.Refund, Channel: "web")));

        Assert.Equal(
            """{"event_id":"e1","customer_id":"c1","occurred_at":"2024-05-06T05:08:09.123Z","amount":12.5,"currency":"USD","kind":"refund","channel":"web","schema_version":1}""",
            json);
    }

    [Fact]
    public void Serialize_MultiWordEnum_IsSnakeCase()
    {
        var alert = new ChurnAlert("c1", At, 3, AlertCause.LevelCrossing, 0.2, 0.7, 0.6, 273, 45, 100, 50, AlertSeverity.Medium, "v1", "c1:19970301T000000Z", AlertTrigger.Silence);

        var json = Encoding.UTF8.GetString(ClvJson.Serialize(alert));

        Assert.Equal((true, true, true), (json.Contains("\"cause\":\"level_crossing\""), json.Contains("\"trigger\":\"silence\""), json.Contains("\"severity\":\"medium\"")));
    }

    [Fact]
    public void Deserialize_EveryContract_RoundTrips()
    {
        var transaction = new TransactionEvent("e1", "c1", At.ToUniversalTime(), 1.25, "EUR", TransactionKind.Purchase, null, "jazz");
        AssertRoundTrips(transaction);
        AssertRoundTrips(new SequencedTransaction(transaction, 7, 2, 99));
        AssertRoundTrips(new Scores.ClvUpdate("c1", At, "v2", 7, Scores.ScoreCause.Recency, 0.3, 90, 12, 1, 40, 365, 120, 30, 300));
        AssertRoundTrips(new ChurnAlert("c1", At, 7, AlertCause.Jump, 0.1, 0.9, 0.25, 273, 12.5, 50, 40, AlertSeverity.High, "v2", "c1:20240506T050809Z", AlertTrigger.Event));
        AssertRoundTrips(new ModelPublished("v2", "abc", At, "better AUC"));
        AssertRoundTrips(new ModelActivated("v2", "scorer-0", At));
        AssertRoundTrips(new ModelRejected("v2", "scorer-0", "checksum", At));
        AssertRoundTrips(new RetrainRequested("ops", "kafka", null, At));
        AssertRoundTrips(new RollbackRequested("ops", "v1", At));
    }

    [Fact]
    public void Deserialize_IntegerEnum_IsRefused()
    {
        var json = """{"event_id":"e1","customer_id":"c1","occurred_at":"2024-05-06T05:08:09Z","amount":1,"currency":"USD","kind":1,"schema_version":1}"""u8.ToArray();

        Assert.Throws<System.Text.Json.JsonException>(() => ClvJson.Deserialize<TransactionEvent>(json));
    }

    private static void AssertRoundTrips<T>(T message)
    {
        var bytes = ClvJson.Serialize(message);

        Assert.Equal(message, ClvJson.Deserialize<T>(bytes));
    }
}
