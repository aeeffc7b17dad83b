using System.Net.ServerSentEvents;

namespace Clv.Api.Tests;

/// <summary>A server-sent events client over HttpClient, reading with the runtime's own SSE parser.</summary>
public sealed class SseClient : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _items;

    private SseClient(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _items = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();
    }

    public static async Task<SseClient> OpenAsync(HttpClient http, string path, string? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseClient(response, await response.Content.ReadAsStreamAsync());
    }

    public async Task<(string Id, string Event, string Data)> NextAsync(TimeSpan timeout)
    {
        if (!await _items.MoveNextAsync().AsTask().WaitAsync(timeout))
        {
            throw new InvalidOperationException("the stream ended");
        }

        return (_items.Current.EventId ?? string.Empty, _items.Current.EventType, _items.Current.Data);
    }

    public void Dispose() => _response.Dispose();
}
