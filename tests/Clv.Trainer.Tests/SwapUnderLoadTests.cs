using Clv.Contracts.ModelLifecycle;
using Clv.Contracts.Scores;
using Clv.Contracts.Transactions;
using Clv.Model;
using Clv.Model.Persistence;
using Clv.ModelLifecycle;
using Clv.TestInfrastructure;
using Clv.TestInfrastructure.Reference;
using Clv.Workers.Health;
using Clv.Workers.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Clv.Trainer.Tests;

/// <summary>
/// Two scorer replicas (the workers' real fused pipeline, one consumer group on the Kafka-protocol broker)
/// swap v1 for v2 over RabbitMQ while events keep arriving.
/// </summary>
[Collection(nameof(InfrastructureCollection))]
public sealed class SwapUnderLoadTests(KafkaFixture kafka, RedisFixture redis, RabbitMqFixture rabbit)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SwapWhileEventsFlow_DropsNothing_NeverGoesBackPerReplica_AndRebuildsOldStates()
    {
        await using var plane = new ControlPlane(rabbit, redis);
        await plane.StartAsync();
        var models = new Dictionary<string, MtlLstmModel>();
        foreach (var seed in new[] { 1, 2 })
        {
            var version = await plane.Store.ReserveVersionAsync();
            models[version] = TestModels.Create(version, seed);
            await TestModels.SaveBytesAsync(plane.Store, version, WeightsFile.ToBytes(models[version]));
        }

        var (v1, v2) = ("v1", "v2");
        await plane.Store.ActivateAsync(v1, "initial");

        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 4);
        await scenario.CreateTopicsAsync();
        var replicas = new List<string>();
        var scorers = new List<IHost>();
        foreach (var name in new[] { "a", "b" })
        {
            var active = new ActiveModel(models[v1]);
            scorers.Add(await scenario.StartAsync(fused: true, active));
            replicas.Add(await plane.StartReplicaAsync(name, active));
        }

        await WaitUntilEveryScorerHasPartitionsAsync(scorers);

        var events = Clv.Workers.Tests.TestEvents.Generate(scenario.Prefix, customers: 80, maxEvents: 10, seed: 5);
        var half = events.Count / 2;
        using var reader = scenario.Reader(scenario.UpdatesTopic);

        // The first half goes out in small paced chunks; the swap is published once a quarter is scored,
        // so it lands while events are still arriving. The second half follows the acknowledgements, so
        // every replica scores with v2 after the swap.
        var producing = ProducePacedAsync(scenario, events.GetRange(0, half));
        await reader.ReadUntilAsync(m => m.Count >= half / 2, Timeout, "a quarter of the updates");
        var sha = (await plane.Store.GetInfoAsync(v2))!.Sha256;
        await plane.Store.ActivateAsync(v2, "test");
        await plane.Bus.Publish(new ModelPublished(v2, sha, DateTimeOffset.UtcNow, "swap under load"));
        await producing;
        var answers = await plane.Answers.WaitForAsync(v2, [.. replicas]);
        Assert.All(answers.Values, answer => Assert.IsType<ModelActivated>(answer));
        await ProducePacedAsync(scenario, events.GetRange(half, events.Count - half));

        var messages = await reader.ReadUntilAsync(m => EveryEventHasAnUpdate(m, events.Count), Timeout, $"{events.Count} updates");
        var updates = ScoreOracle.Updates(messages).Where(u => u.Cause == ScoreCause.Event).ToList();

        Assert.Equal(events.Count, updates.Select(u => (u.CustomerId, u.SeqNo)).Distinct().Count());
        using var input = scenario.Reader(scenario.TransactionsTopic);
        var produced = await input.ReadUntilAsync(m => m.Count >= events.Count, Timeout, $"{events.Count} events");
        Assert.Null(UpdateOnAnotherPartitionThanItsEvents(produced, messages));
        Assert.Null(VersionGoingBackwards(messages));
        Assert.Null(FirstUpdateNotMatchingItsModel(updates, models, Clv.Workers.Tests.TestEvents.ByCustomer(events)));
        Assert.Contains(updates.GroupBy(u => u.CustomerId), g => g.Any(u => u.ModelVersion == v1) && g.Any(u => u.ModelVersion == v2));
    }

    private static async Task ProducePacedAsync(PipelineScenario scenario, List<TransactionEvent> events)
    {
        for (var i = 0; i < events.Count; i += 10)
        {
            await scenario.ProduceAsync(events.GetRange(i, Math.Min(10, events.Count - i)));
            await Task.Delay(15);
        }
    }

    private static async Task WaitUntilEveryScorerHasPartitionsAsync(List<IHost> scorers)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (scorers.Any(h => h.Services.GetRequiredService<WorkerReadiness>().StagesWithoutPartitions().Count > 0))
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    private static bool EveryEventHasAnUpdate(List<Confluent.Kafka.ConsumeResult<string, byte[]>> messages, int events) =>
        ScoreOracle.Updates(messages).Where(u => u.Cause == ScoreCause.Event).Select(u => (u.CustomerId, u.SeqNo)).Distinct().Count() >= events;

    // The scenario's producer and the workers use one partitioner, so a customer's updates land on the partition
    // number of its events: each partition of clv-updates is then written only by the replica that owns that input
    // partition (ownership is settled before any event is produced), and its order is that replica's order.
    private static string? UpdateOnAnotherPartitionThanItsEvents(
        List<Confluent.Kafka.ConsumeResult<string, byte[]>> events, List<Confluent.Kafka.ConsumeResult<string, byte[]>> updates)
    {
        var inputPartition = events.GroupBy(m => m.Message.Key).ToDictionary(g => g.Key, g => g.Select(m => m.Partition.Value).Distinct().Single());
        return updates.FirstOrDefault(m => m.Partition.Value != inputPartition[m.Message.Key]) is { } moved
            ? $"{moved.Message.Key}: events on partition {inputPartition[moved.Message.Key]}, an update on partition {moved.Partition.Value}"
            : null;
    }

    private static string? VersionGoingBackwards(List<Confluent.Kafka.ConsumeResult<string, byte[]>> messages)
    {
        foreach (var partition in messages.GroupBy(m => m.Partition.Value))
        {
            var sawV2 = false;
            foreach (var update in ScoreOracle.Updates(partition.OrderBy(m => m.Offset.Value)))
            {
                if (update.ModelVersion == "v1" && sawV2)
                {
                    return $"partition {partition.Key}: {update.CustomerId} seq {update.SeqNo} scored by v1 after v2";
                }

                sawV2 |= update.ModelVersion == "v2";
            }
        }

        return null;
    }

    // Each update must be what the reference computes with its model's weights over the whole sequence so far: for a
    // v2 update of a customer whose state was written by v1, that holds only if the state was rebuilt.
    private static string? FirstUpdateNotMatchingItsModel(
        List<ClvUpdate> updates, Dictionary<string, MtlLstmModel> models, Dictionary<string, List<TransactionEvent>> histories)
    {
        var references = models.ToDictionary(m => m.Key, m => new ReferenceModel(m.Value));
        foreach (var update in updates)
        {
            var expected = ScoreOracle.Expected(references[update.ModelVersion], histories[update.CustomerId], (int)update.SeqNo);
            if (ReferenceAgreement.FirstDifference(expected, ScoreOracle.Scores(update)) is { } difference)
            {
                return $"{update.CustomerId} seq {update.SeqNo} by {update.ModelVersion}: {difference} (streamed {update})";
            }
        }

        return null;
    }
}
