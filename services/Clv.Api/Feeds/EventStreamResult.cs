using System.Net.ServerSentEvents;

namespace Clv.Api.Feeds;

/// <summary>
/// A server-sent event stream that sends its headers at once, so a client sees the stream open before the
/// first event (an alert may come minutes later), then writes each event as it comes.
/// </summary>
public sealed class EventStreamResult(IAsyncEnumerable<SseItem<string>> events) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        // Proxies that buffer (nginx) would hold the events back.
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(httpContext.RequestAborted);
        try
        {
            await SseFormatter.WriteAsync(events, response.Body, httpContext.RequestAborted);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away: the normal end of a stream.
        }
    }
}
