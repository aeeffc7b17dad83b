using System.Text.Json;
using Clv.Contracts.Json;
using Clv.Contracts.Transactions;
using Clv.TestInfrastructure;
using Clv.ModelLifecycle;
using Json.Schema;

namespace Clv.Workers.Tests;

/// <summary>Every message the split pipeline publishes is valid against docs/schemas, and every field it carries is documented there.</summary>
[Collection(nameof(WorkersCollection))]
public sealed class MessageSchemaTests(KafkaFixture kafka, RedisFixture redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PublishedMessages_OnEveryTopic_FollowTheirSchemas()
    {
        var schemas = Schemas();
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 2);
        await scenario.CreateTopicsAsync();
        await scenario.StartAsync(fused: false, new ActiveModel(TestModels.Create()), settings: new Dictionary<string, string?>
        {
            ["Workers:Recency:ThresholdDays:0"] = "30",
            ["Workers:Recency:IntervalMs"] = "100",
            ["Workers:Alerts:JumpDelta"] = "0.000001", // any rise alerts, so alerts of both triggers appear
        });
        var events = TestEvents.Generate(scenario.Prefix, customers: 20, maxEvents: 6, seed: 5);
        var late = events.Max(e => e.OccurredAt).AddDays(200);
        events.Add(new TransactionEvent($"{scenario.Prefix}-late", $"{scenario.Prefix}-late", late, 5, "USD", TransactionKind.Refund, "web", "jazz"));
        await scenario.ProduceAsync(events);

        using var alerts = scenario.Reader(scenario.AlertsTopic);
        await alerts.ReadUntilAsync(m => m.Count > 0, Timeout, "an alert");
        var topics = new Dictionary<string, string>
        {
            [scenario.TransactionsTopic] = "transaction-event",
            [scenario.SequencedTopic] = "sequenced-transaction",
            [scenario.UpdatesTopic] = "clv-update",
            [scenario.AlertsTopic] = "churn-alert",
        };
        var problems = new List<string>();
        var counts = new Dictionary<string, int>();
        foreach (var (topic, schemaName) in topics)
        {
            using var reader = scenario.Reader(topic);
            await reader.DrainAsync(TimeSpan.FromSeconds(2));
            counts[schemaName] = reader.Messages.Count;
            foreach (var message in reader.Messages)
            {
                using var json = JsonDocument.Parse(message.Message.Value);
                var result = schemas[schemaName].Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
                if (!result.IsValid)
                {
                    problems.Add($"{schemaName}: {json.RootElement} -> {string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")))}");
                }

                problems.AddRange(Undocumented(schemaName, json.RootElement, DocumentedFields(schemaName)));
            }
        }

        Assert.All(counts, c => Assert.True(c.Value > 0, $"nothing published for {c.Key}"));
        Assert.Empty(problems);
    }

    private static Dictionary<string, JsonSchema> Schemas()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return Directory.GetFiles(SchemaDirectory(), "*.schema.json")
            .Select(path => (Name: Path.GetFileName(path).Replace(".schema.json", ""), Schema: JsonSchema.FromText(File.ReadAllText(path), options)))
            .ToDictionary(s => s.Name, s => s.Schema);
    }

    private static string SchemaDirectory() => Path.Combine(CdnowReplayTests.RepositoryRoot(), "docs", "schemas");

    private static HashSet<string> DocumentedFields(string schemaName)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaDirectory(), schemaName + ".schema.json")));
        return [.. schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name)];
    }

    private static IEnumerable<string> Undocumented(string schemaName, JsonElement message, HashSet<string> documented) =>
        message.EnumerateObject().Where(p => !documented.Contains(p.Name)).Select(p => $"{schemaName}: field {p.Name} is not in the schema");
}
