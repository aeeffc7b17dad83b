using System.Globalization;
using System.IO.Hashing;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clv.Api.Customers;
using Clv.Contracts.Json;
using Clv.Contracts.Scores;
using Clv.Contracts.Transactions;
using Clv.Model;
using Clv.Model.BuyTillYouDie;
using Clv.Model.Stacking;
using Clv.TestInfrastructure;

namespace Clv.Api.Tests;

[Collection(nameof(ApiCollection))]
public sealed class CustomerEndpointTests(KafkaFixture kafka, RedisFixture redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Customers_AreServedAsTheModelScoresThem_AndBadIdsGetProblemDetails()
    {
        await using var scenario = new ApiScenario(kafka, redis);
        await scenario.StartAsync();
        var histories = await scenario.ScoreAsync(customers: 6, events: 4, seed: 3, Timeout);

        // One customer: the last event's score, id and the last purchase (not the refund).
        foreach (var (customer, history) in histories)
        {
            var (score, lastEventId, lastPurchaseAt) = Read(await scenario.GetJsonAsync<JsonElement>($"v1/customers/{customer}"));
            var expected = TestEvents.Offline(scenario.Model, history, history.Count);
            Assert.Equal((customer, (long)history.Count, history[^1].EventId, history[^1].OccurredAt), (score.CustomerId, score.SeqNo, lastEventId, score.AsOf));
            Assert.Equal(history.Last(e => e.Kind == TransactionKind.Purchase).OccurredAt, lastPurchaseAt);
            Assert.Equal((scenario.Model.Version, scenario.Model.HorizonDays), (score.ModelVersion, score.HorizonDays));
            Assert.Equal(expected.ChurnProbability, score.ChurnProbability, 1e-5);
            Assert.Equal(expected.SpendP90, score.SpendP90, 1e-5 * Math.Max(1, expected.SpendP90));
            Assert.Equal(expected.Clv, score.Clv, 1e-5 * Math.Max(1, expected.Clv));
            Assert.Equal(expected.ClvP10, score.ClvP10, 1e-5 * Math.Max(1, expected.ClvP10));
        }

        await AssertProblemAsync(await scenario.Http.GetAsync($"v1/customers/{scenario.Prefix}-nobody"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await scenario.Http.GetAsync($"v1/customers/{new string('x', 129)}"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await scenario.Http.GetAsync("v1/customers/%20%20"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await scenario.Http.GetAsync("v1/customers/a%0Ab"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BatchGet_AnswersKnownIdsInOrder_NamesTheUnknown_AndRefusesMoreThanAThousand()
    {
        await using var scenario = new ApiScenario(kafka, redis);
        await scenario.StartAsync();
        var histories = await scenario.ScoreAsync(customers: 5, events: 2, seed: 4, Timeout);

        var known = histories.Keys.OrderDescending().ToList();
        var unknown = Enumerable.Range(0, 95).Select(i => $"{scenario.Prefix}-missing-{i}").ToList();
        var response = await scenario.Http.PostAsJsonAsync("v1/customers:batchGet", new { ids = unknown.Concat(known) });
        response.EnsureSuccessStatusCode();
        var batch = await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options);
        var customers = batch.GetProperty("customers").EnumerateArray().Select(c => Read(c).Update).ToList();

        Assert.Equal(known, customers.Select(c => c.CustomerId));
        Assert.Equal(unknown, batch.GetProperty("not_found").EnumerateArray().Select(id => id.GetString()));
        Assert.All(customers, c => Assert.Equal(histories[c.CustomerId].Count, c.SeqNo));

        var tooMany = Enumerable.Range(0, 1001).Select(i => $"c{i}");
        await AssertProblemAsync(await scenario.Http.PostAsJsonAsync("v1/customers:batchGet", new { ids = tooMany }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await scenario.Http.PostAsJsonAsync("v1/customers:batchGet", new { ids = new[] { "ok", "" } }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ACustomersAnswer_IsTheLastUpdatePublishedForIt()
    {
        // One contract (issue 10): read as a ClvUpdate, the lookup equals what clv-updates carried, field for field.
        await using var scenario = new ApiScenario(kafka, redis);
        await scenario.StartAsync();
        var histories = await scenario.ScoreAsync(customers: 4, events: 3, seed: 6, Timeout);

        var published = scenario.ReadUpdates(histories.Values.Sum(h => h.Count), Timeout)
            .GroupBy(u => u.CustomerId)
            .ToDictionary(g => g.Key, g => g.MaxBy(u => u.SeqNo)!);

        foreach (var customer in histories.Keys)
        {
            Assert.Equal(published[customer], Read(await scenario.GetJsonAsync<JsonElement>($"v1/customers/{customer}")).Update);
        }
    }

    [Fact]
    public async Task History_UnderABgNbdModel_ReplaysTheWindowToTheScoreTheScorerStored()
    {
        // The trainer may promote BG/NBD + Gamma-Gamma; the history replay read every model file as an LSTM and refused it.
        var bgnbd = new BgNbdGammaGammaModel("api-test-bgnbd", new BuyTillYouDieParameters(0.24, 4.4, 0.79, 2.4, 6.25, 3.74, 15.4), 273, 365, 0.1, TrainingMetadata.Untrained);
        await using var scenario = new ApiScenario(kafka, redis, bgnbd);

        var (_, result, stored) = await ReplayedHistoryAsync(scenario);

        Assert.Equal(stored.Clv, result.Points[^1].Clv, 1e-9 * Math.Max(1, stored.Clv));
    }

    [Fact]
    public async Task History_UnderAStackedModel_IsTheBlendOfBothComponentsAfterEachEvent()
    {
        var lstm = MtlLstmModel.CreateInitial(ApiScenario.Lstm.Config, ApiScenario.Lstm.Statistics, seed: 7, version: "api-test-stacked");
        var bgnbd = new BgNbdGammaGammaModel(lstm.Version, new BuyTillYouDieParameters(0.24, 4.4, 0.79, 2.4, 6.25, 3.74, 15.4), 273, 365, 0.1, TrainingMetadata.Untrained);
        var (c0, c1, c2, w1, w2) = (0.2, 0.6, 0.3, 0.4, 0.7);
        var stack = new StackedLstmBgNbdModel(lstm, bgnbd, new StackWeights(c0, c1, c2, w1, w2));
        await using var scenario = new ApiScenario(kafka, redis, stack);

        var (history, result, _) = await ReplayedHistoryAsync(scenario);

        for (var i = 0; i < history.Count; i++)
        {
            // Each component scored on its own, blended here by the weights.
            var (fromLstm, fromBgNbd) = (TestEvents.Offline(lstm, history, i + 1), TestEvents.Offline(bgnbd, history, i + 1));
            var churn = 1 / (1 + Math.Exp(-(c0 + (c1 * Logit(fromLstm.ChurnProbability)) + (c2 * Logit(fromBgNbd.ChurnProbability)))));
            var clv = (w1 * fromLstm.Clv) + (w2 * fromBgNbd.Clv);
            Assert.Equal(churn, result.Points[i].ChurnProbability, 1e-9);
            Assert.Equal(clv, result.Points[i].Clv, 1e-9 * Math.Max(1, clv));
        }
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    // Scores two customers under the scenario's model and reads the first one's history: one point per event, the
    // last at the score the scorer stored, under that model's version.
    private static async Task<(List<TransactionEvent> History, ScoreHistory Result, ClvUpdate Stored)> ReplayedHistoryAsync(ApiScenario scenario)
    {
        await scenario.StartAsync();
        var histories = await scenario.ScoreAsync(customers: 2, events: 4, seed: 9, Timeout);
        var (customer, history) = histories.First();
        var result = await scenario.GetJsonAsync<ScoreHistory>($"v1/customers/{customer}/history");
        var (stored, _, _) = Read(await scenario.GetJsonAsync<JsonElement>($"v1/customers/{customer}"));

        Assert.Equal(history.Count, result.Points.Count);
        Assert.Equal((scenario.Model.Version, history.Count), (stored.ModelVersion, (int)stored.SeqNo));
        Assert.Equal(stored.ChurnProbability, result.Points[^1].ChurnProbability, 1e-9);
        return (history, result, stored);
    }

    [Fact]
    public async Task History_HasTheScoresAfterEachEvent_WithTheEventsMarked()
    {
        await using var scenario = new ApiScenario(kafka, redis);
        await scenario.StartAsync();
        var histories = await scenario.ScoreAsync(customers: 3, events: 5, seed: 5, Timeout);

        var (customer, history) = histories.First();
        var result = await scenario.GetJsonAsync<ScoreHistory>($"v1/customers/{customer}/history");

        Assert.True(result.Complete);
        // The window keeps ids as their XxHash3-64: the points carry it in hex, computed here from the ids sent.
        Assert.Equal(
            history.Select(e => (XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(e.EventId)).ToString("x16", CultureInfo.InvariantCulture), e.Kind, e.OccurredAt)),
            result.Points.Select(p => (p.EventIdHash, p.Kind, p.OccurredAt)));
        for (var i = 0; i < history.Count; i++)
        {
            var expected = TestEvents.Offline(scenario.Model, history, i + 1);
            Assert.Equal(i + 1, result.Points[i].SeqNo);
            Assert.Equal(expected.ChurnProbability, result.Points[i].ChurnProbability, 1e-5);
            Assert.Equal(expected.Clv, result.Points[i].Clv, 1e-5 * Math.Max(1, expected.Clv));
        }

        await AssertProblemAsync(await scenario.Http.GetAsync($"v1/customers/{scenario.Prefix}-nobody/history"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheEndpoints()
    {
        await using var scenario = new ApiScenario(kafka, redis);
        await scenario.StartAsync();

        using var document = JsonDocument.Parse(await scenario.Http.GetStringAsync("openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Subset(paths.ToHashSet(), new HashSet<string>
        {
            "/v1/customers/{id}", "/v1/customers:batchGet", "/v1/customers/{id}/history", "/v1/alerts",
            "/v1/streams/alerts", "/v1/streams/customers/{id}", "/v1/dashboard/summary",
        });
    }

    // The answer as a client of the contract reads it: the ClvUpdate, and the two fields a lookup adds.
    private static (ClvUpdate Update, string? LastEventId, DateTimeOffset? LastPurchaseAt) Read(JsonElement score) => (
        ClvJson.Deserialize<ClvUpdate>(Encoding.UTF8.GetBytes(score.GetRawText())),
        score.GetProperty("last_event_id").GetString(),
        score.GetProperty("last_purchase_at") is { ValueKind: JsonValueKind.String } at ? at.GetDateTimeOffset() : null);

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
    }
}
