using System.Diagnostics;
using Clv.Contracts.Alerts;
using Clv.Contracts.Json;
using Clv.Contracts.Scores;
using Clv.Hosting.Telemetry;
using Clv.Model;
using Clv.Workers.Kafka;
using Clv.Workers.Options;
using Clv.Workers.State;
using Confluent.Kafka;

namespace Clv.Workers.Scoring;

/// <summary>
/// Turns a computed score into a <see cref="ClvUpdate"/> (and an alert) on the delivery batch, keyed by
/// customer, continuing the incoming trace. Everything in a message comes from the event and the state, never
/// from the wall clock, so replaying an event publishes an identical message.
/// </summary>
public sealed class ScorePublisher(WorkersOptions options)
{
    public int HorizonDays(MtlLstmModel model) => options.HorizonDays > 0 ? options.HorizonDays : model.Config.HorizonDays;

    public int ClvHorizonDays(MtlLstmModel model) => options.ClvHorizonDays > 0 ? options.ClvHorizonDays : model.Config.ClvHorizonDays;

    public void Publish(DeliveryBatch delivery, MtlLstmModel model, ScoringState state, DateTimeOffset asOf, ScoreCause cause, in ModelScores scores, ActivityContext parent)
    {
        using var activity = ClvTelemetry.Source.StartActivity(cause == ScoreCause.Event ? "score" : "rescore-recency", ActivityKind.Producer, parent);
        var update = new ClvUpdate(
            state.CustomerId,
            asOf,
            model.Version,
            state.SeqNo,
            cause,
            scores.ChurnProbability,
            HorizonDays(model),
            scores.ExpectedSpend,
            scores.SpendP10,
            scores.SpendP90,
            ClvHorizonDays(model),
            scores.Clv,
            scores.ClvP10,
            scores.ClvP90);
        delivery.Produce(options.Topics.ClvUpdates, Message(state.CustomerId, ClvJson.Serialize(update), activity));
    }

    public void Alert(DeliveryBatch delivery, MtlLstmModel model, ScoringState state, DateTimeOffset asOf, AlertCause cause, double before, in ModelScores scores, ActivityContext parent)
    {
        using var activity = ClvTelemetry.Source.StartActivity("churn-alert", ActivityKind.Producer, parent);
        var alert = new ChurnAlert(state.CustomerId, asOf, model.Version, state.SeqNo, cause, before, scores.ChurnProbability, scores.Clv);
        delivery.Produce(options.Topics.ChurnAlerts, Message(state.CustomerId, ClvJson.Serialize(alert), activity));
        ClvTelemetry.AlertsPublished.Add(1, new KeyValuePair<string, object?>("cause", cause.ToString()));
    }

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
