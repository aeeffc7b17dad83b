using System.Diagnostics;
using System.Globalization;
using Clv.Contracts.Alerts;
using Clv.Contracts.Json;
using Clv.Contracts.Scores;
using Clv.Hosting.Telemetry;
using Clv.Model;
using Clv.Workers.Alerts;
using Clv.Workers.Kafka;
using Clv.Workers.Options;
using Clv.Workers.State;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Clv.Workers.Scoring;

/// <summary>
/// Puts a computed score on the delivery batch as its <see cref="ClvUpdate"/> (and an alert), keyed by
/// customer, continuing the incoming trace. Everything in a message comes from the event and the state, never
/// from the wall clock, so replaying an event publishes an identical message.
/// </summary>
public sealed class ScorePublisher(IOptions<WorkersOptions> workers)
{
    private readonly WorkersOptions _options = workers.Value;

    public int HorizonDays(ScoringModel model) => _options.HorizonDays > 0 ? _options.HorizonDays : model.HorizonDays;

    public int ClvHorizonDays(ScoringModel model) => _options.ClvHorizonDays > 0 ? _options.ClvHorizonDays : model.ClvHorizonDays;

    public void Publish(DeliveryBatch delivery, string customerId, ReadableScore score, ActivityContext parent)
    {
        using var activity = ClvTelemetry.Source.StartActivity(score.Cause == ScoreCause.Event ? "score" : "rescore-recency", ActivityKind.Producer, parent);
        delivery.Produce(_options.Topics.ClvUpdates, Message(customerId, ClvJson.Serialize(score.ToUpdate(customerId)), activity));
    }

    public void Alert(DeliveryBatch delivery, ScoringModel model, ScoringState state, DateTimeOffset asOf, AlertTrigger trigger, in AlertDecision decision, in ModelScores scores, ActivityContext parent)
    {
        using var activity = ClvTelemetry.Source.StartActivity("churn-alert", ActivityKind.Producer, parent);
        var daysSilent = state.Lstm.LastEventTime is { } last ? (asOf.UtcDateTime - last).TotalDays : 0;
        var alert = new ChurnAlert(
            state.CustomerId,
            asOf,
            state.SeqNo,
            decision.Cause,
            decision.ChurnBefore,
            scores.ChurnProbability,
            decision.Threshold,
            HorizonDays(model),
            daysSilent,
            scores.Clv,
            decision.ClvAtRisk,
            decision.Severity,
            model.Version,
            EpisodeId(state.CustomerId, decision.EpisodeStartMs),
            trigger);
        delivery.Produce(_options.Topics.ChurnAlerts, Message(state.CustomerId, ClvJson.Serialize(alert), activity));
        // The JSON names, so a dashboard and a consumer of the topic say the same thing.
        ClvTelemetry.AlertsPublished.Add(1, new KeyValuePair<string, object?>("cause", decision.Cause == AlertCause.Jump ? "jump" : "level_crossing"));
    }

    /// <summary>The episode id: the customer and the event time of the episode's first alert (stable across replays).</summary>
    public static string EpisodeId(string customerId, long episodeStartMs) =>
        customerId + ":" + DateTimeOffset.FromUnixTimeMilliseconds(episodeStartMs).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static Message<string, byte[]> Message(string key, byte[] value, Activity? activity)
    {
        var message = new Message<string, byte[]> { Key = key, Value = value };
        if (activity is not null)
        {
            message.Headers = new Headers();
            KafkaTraceContext.Inject(activity, message.Headers);
        }

        return message;
    }
}
