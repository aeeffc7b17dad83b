using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Clv.Contracts.Scores;
using Clv.Model;

namespace Clv.Workers.State;

/// <summary>
/// The compact JSON of a <see cref="ReadableScore"/> in the <c>score</c> field of <c>clv:{customer}:state</c>
/// (snake_case, like <see cref="ClvUpdate"/>); the last event id and purchase time sit in their own fields,
/// <c>event_id</c> and <c>purchase_at</c>, so a re-score without an event keeps them.
/// </summary>
public static class ReadableScoreJson
{
    public const string ScoreField = "score";
    public const string EventIdField = "event_id";
    public const string PurchaseAtField = "purchase_at";

    public static void Write(IBufferWriter<byte> buffer, ReadableScore score)
    {
        using var json = new Utf8JsonWriter(buffer);
        var s = score.Scores;
        json.WriteStartObject();
        json.WriteString("as_of", score.AsOf.UtcDateTime);
        json.WriteNumber("seq_no", score.SeqNo);
        json.WriteString("cause", score.Cause == ScoreCause.Event ? "event" : "recency");
        json.WriteString("model_version", score.ModelVersion);
        json.WriteNumber("horizon_days", score.HorizonDays);
        json.WriteNumber("churn_probability", s.ChurnProbability);
        json.WriteNumber("expected_spend", s.ExpectedSpend);
        json.WriteNumber("spend_p10", s.SpendP10);
        json.WriteNumber("spend_p90", s.SpendP90);
        json.WriteNumber("clv_horizon_days", score.ClvHorizonDays);
        json.WriteNumber("clv", s.Clv);
        json.WriteNumber("clv_p10", s.ClvP10);
        json.WriteNumber("clv_p90", s.ClvP90);
        json.WriteEndObject();
    }

    /// <summary>The <c>purchase_at</c> field's text: ISO-8601 UTC.</summary>
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <exception cref="JsonException">The stored score is not the JSON <see cref="Write"/> gives.</exception>
    public static ReadableScore Read(ReadOnlySpan<byte> score, string? eventId, string? purchaseAt)
    {
        using var document = JsonDocument.Parse(score.ToArray());
        var root = document.RootElement;
        try
        {
            var scores = new ModelScores(
                root.GetProperty("churn_probability").GetDouble(),
                root.GetProperty("expected_spend").GetDouble(),
                root.GetProperty("spend_p10").GetDouble(),
                root.GetProperty("spend_p90").GetDouble(),
                root.GetProperty("clv").GetDouble(),
                root.GetProperty("clv_p10").GetDouble(),
                root.GetProperty("clv_p90").GetDouble());
            return new ReadableScore(
                new DateTimeOffset(root.GetProperty("as_of").GetDateTime().ToUniversalTime()),
                root.GetProperty("seq_no").GetInt64(),
                root.GetProperty("cause").GetString() == "recency" ? ScoreCause.Recency : ScoreCause.Event,
                root.GetProperty("model_version").GetString() ?? string.Empty,
                root.GetProperty("horizon_days").GetInt32(),
                root.GetProperty("clv_horizon_days").GetInt32(),
                scores,
                eventId,
                purchaseAt is null ? null : DateTimeOffset.Parse(purchaseAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new JsonException($"stored score is malformed: {e.Message}", e);
        }
    }
}
