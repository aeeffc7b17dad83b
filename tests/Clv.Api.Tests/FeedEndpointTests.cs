using System.Net;
using System.Text.Json;
using Clv.TestInfrastructure;

namespace Clv.Api.Tests;

[Collection(nameof(ApiCollection))]
public sealed class FeedEndpointTests(KafkaFixture kafka, RedisFixture redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Alerts_AreFilteredBySeverityAndTime_AndPassedOnWithTheirUnknownFields()
    {
        await using var scenario = new ApiScenario(kafka, redis);
        await scenario.StartAsync();
        var day = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await scenario.ProduceAlertAsync("a", Alerts.Json("a", "high", day));
        await scenario.ProduceAlertAsync("b", Alerts.Json("b", "low", day.AddDays(1)));
        await scenario.ProduceAlertAsync("c", Alerts.Json("c", "high", day.AddDays(2)));
        await scenario.ProduceAlertAsync("d", "{\"customer_id\":\"d\",\"as_of\":\"2024-03-04T00:00:00Z\",\"cause\":\"jump\"}");
        await WaitForAsync(async () => (await AlertCustomersAsync(scenario, "v1/alerts")).Count == 4);

        // Alerts of different customers come from different partitions: their arrival order is not the produce order.
        Assert.Equal(["a", "c"], (await AlertCustomersAsync(scenario, "v1/alerts?severity=high")).Order());
        Assert.Equal(["b", "c", "d"], (await AlertCustomersAsync(scenario, "v1/alerts?since=2024-03-02T00:00:00Z")).Order());
        Assert.Equal(["c"], await AlertCustomersAsync(scenario, "v1/alerts?since=2024-03-02T00:00:00Z&severity=high"));
        using var all = JsonDocument.Parse(await scenario.Http.GetStringAsync("v1/alerts?severity=high&limit=1"));
        Assert.Equal(1, all.RootElement.GetProperty("alerts")[0].GetProperty("alert").GetProperty("added_in_a_later_version").GetProperty("x").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await scenario.Http.GetAsync("v1/alerts?severity=urgent")).StatusCode);
    }

    [Fact]
    public async Task AlertStream_SendsNewAlerts_AndResumesAfterLastEventId()
    {
        await using var scenario = new ApiScenario(kafka, redis);
        await scenario.StartAsync();
        var day = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

        using var live = await SseClient.OpenAsync(scenario.Http, "v1/streams/alerts", lastEventId: null);
        await scenario.ProduceAlertAsync("first", Alerts.Json("first", "medium", day));
        var first = await live.NextAsync(Timeout);
        await scenario.ProduceAlertAsync("second", Alerts.Json("second", "high", day));
        var second = await live.NextAsync(Timeout);
        Assert.Equal(("alert", "first"), (first.Event, CustomerOf(first.Data)));
        Assert.Equal("second", CustomerOf(second.Data));

        // A client that saw "first" reconnects: it gets what followed, not "first" again.
        using var resumed = await SseClient.OpenAsync(scenario.Http, "v1/streams/alerts", first.Id);
        Assert.Equal((second.Id, "second"), ((await resumed.NextAsync(Timeout)).Id, "second"));

        // A severity filter applies to the stream too.
        using var highOnly = await SseClient.OpenAsync(scenario.Http, "v1/streams/alerts?severity=high", lastEventId: second.Id);
        await scenario.ProduceAlertAsync("third", Alerts.Json("third", "low", day));
        await scenario.ProduceAlertAsync("fourth", Alerts.Json("fourth", "high", day));
        Assert.Equal("fourth", CustomerOf((await highOnly.NextAsync(Timeout)).Data));
    }

    [Fact]
    public async Task CustomerStream_SendsThatCustomersUpdatesOnly()
    {
        await using var scenario = new ApiScenario(kafka, redis);
        await scenario.StartAsync();
        var events = TestEvents.Generate(scenario.Prefix, customers: 3, events: 2, seed: 9);
        var watched = events[0].CustomerId;

        using var stream = await SseClient.OpenAsync(scenario.Http, $"v1/streams/customers/{watched}", lastEventId: null);
        scenario.Produce(events);
        var updates = new[] { await stream.NextAsync(Timeout), await stream.NextAsync(Timeout) };

        Assert.All(updates, u => Assert.Equal(("update", watched), (u.Event, CustomerOf(u.Data))));
        Assert.Equal([1L, 2L], updates.Select(u => JsonDocument.Parse(u.Data).RootElement.GetProperty("seq_no").GetInt64()));
    }

    [Fact]
    public async Task AFeedWhoseTopicIsMissing_Waits_WhileLookupsAreServed_AndReadsOnceTheTopicExists()
    {
        await using var scenario = new ApiScenario(kafka, redis);
        var lateTopic = $"alerts-late-{scenario.Prefix}";
        await scenario.StartAsync(new Dictionary<string, string?> { ["Workers:Topics:ChurnAlerts"] = lateTopic });
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Http.GetAsync($"v1/customers/{scenario.Prefix}-nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Http.GetAsync("health/live")).StatusCode);

        await kafka.CreateTopicAsync(lateTopic, 2);
        await scenario.ProduceAlertAsync("late", Alerts.Json("late", "high", new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero)), lateTopic);
        await WaitForAsync(async () => (await AlertCustomersAsync(scenario, "v1/alerts")).Contains("late"));
    }

    private static string CustomerOf(string json) => JsonDocument.Parse(json).RootElement.GetProperty("customer_id").GetString()!;

    private static async Task<List<string>> AlertCustomersAsync(ApiScenario scenario, string path)
    {
        using var document = JsonDocument.Parse(await scenario.Http.GetStringAsync(path));
        return [.. document.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("alert").GetProperty("customer_id").GetString()!)];
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(100);
        }
    }
}
