using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Clv.Api.Customers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Clv.Api.Feeds;

/// <summary><c>/v1/alerts</c> and the server-sent event streams of alerts and of one customer's updates.</summary>
public static class FeedEndpoints
{
    public const int MaxAlerts = 1000;

    public static RouteGroupBuilder MapFeedEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/alerts", ListAlerts).WithName("ListAlerts").WithSummary("Recent churn alerts, newest first");
        v1.MapGet("/streams/alerts", StreamAlerts).WithName("StreamAlerts").WithSummary("Churn alerts as server-sent events; resumes after Last-Event-ID");
        v1.MapGet("/streams/customers/{id}", StreamCustomer).WithName("StreamCustomer").WithSummary("One customer's score updates as server-sent events; resumes after Last-Event-ID");
        return v1;
    }

    private static Results<ContentHttpResult, ProblemHttpResult> ListAlerts(
        [FromKeyedServices(FeedKeys.Alerts)] TopicFeed alerts, DateTimeOffset? since, string? severity, int? limit)
    {
        if (AlertFilter.Problem(severity) is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid query");
        }

        var max = Math.Clamp(limit ?? 100, 1, MaxAlerts);
        var filter = new AlertFilter(since, severity);
        var kept = alerts.Snapshot();
        // The alerts are passed on as they are on the topic, so fields this API does not know reach the client.
        var body = new StringBuilder("{\"alerts\":[");
        var count = 0;
        for (var i = kept.Length - 1; i >= 0 && count < max; i--)
        {
            if (filter.Matches(kept[i].Json))
            {
                body.Append(count++ == 0 ? "" : ",").Append("{\"id\":").Append(JsonSerializer.Serialize(kept[i].Id)).Append(",\"alert\":").Append(Encoding.UTF8.GetString(kept[i].Json.Span)).Append('}');
            }
        }

        return TypedResults.Content(body.Append("]}").ToString(), "application/json");
    }

    private static Results<EventStreamResult, ProblemHttpResult> StreamAlerts(
        [FromKeyedServices(FeedKeys.Alerts)] TopicFeed alerts, string? severity, [FromHeader(Name = "Last-Event-ID")] string? lastEventId, CancellationToken cancellation)
    {
        if (AlertFilter.Problem(severity) is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid query");
        }

        var filter = new AlertFilter(null, severity);
        return new EventStreamResult(Events(alerts, lastEventId, "alert", entry => filter.Matches(entry.Json), cancellation));
    }

    private static Results<EventStreamResult, ProblemHttpResult> StreamCustomer(
        string id, [FromKeyedServices(FeedKeys.Updates)] TopicFeed updates, [FromHeader(Name = "Last-Event-ID")] string? lastEventId, CancellationToken cancellation)
    {
        if (CustomerIds.Problem(id) is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid customer id");
        }

        return new EventStreamResult(Events(updates, lastEventId, "update", entry => entry.Key == id, cancellation));
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(
        TopicFeed feed, string? lastEventId, string eventType, Func<FeedEntry, bool> wanted, [EnumeratorCancellation] CancellationToken cancellation)
    {
        await foreach (var entry in feed.SubscribeAsync(lastEventId, cancellation))
        {
            if (wanted(entry))
            {
                yield return new SseItem<string>(Encoding.UTF8.GetString(entry.Json.Span), eventType) { EventId = entry.Id };
            }
        }
    }
}
