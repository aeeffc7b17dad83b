using Clv.Contracts.Files;
using Clv.Model;
using Clv.Model.Features;
using Clv.ModelLifecycle;
using Clv.TestInfrastructure;
using Clv.Hosting.Redis;
using Confluent.Kafka;

namespace Clv.Workers.Tests;

/// <summary>CDNOW master (69,659 events, 23,570 customers) through sequencer and scorer, split deployment.</summary>
[Collection(nameof(WorkersCollection))]
public sealed class CdnowReplayTests(KafkaFixture kafka, RedisFixture redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ReplayOfCdnowMaster_LeavesOneStatePerCustomer_WithSeqNoEqualToItsEventCount()
    {
        var file = TransactionFileReader.Load(Path.Combine(RepositoryRoot(), "data", "cdnow", "CDNOW_master.txt"));
        var events = file.Events.OrderBy(e => e.OccurredAt).ToList();
        var counts = events.GroupBy(e => e.CustomerId).ToDictionary(g => g.Key, g => g.LongCount());
        Assert.Equal((69_659, 23_570), (events.Count, counts.Count));

        // 16 partitions keep every mock partition far below its ~5 MB retention.
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 16);
        await scenario.CreateTopicsAsync();
        var model = MtlLstmModel.CreateInitial(new ModelConfig(), FeatureStatistics.Identity, seed: 11, version: "cdnow-test");
        await scenario.StartAsync(fused: false, new ActiveModel(model));
        await scenario.ProduceAsync(events);

        await WaitUntilConsumedAsync(scenario, $"sequencer-{scenario.Prefix}", scenario.TransactionsTopic);
        await WaitUntilConsumedAsync(scenario, $"scorer-{scenario.Prefix}", scenario.SequencedTopic);

        // The fixture's connection (default timeouts) for the checks: the workers may still be sweeping.
        var db = redis.Connection.GetDatabase(scenario.Database);
        var server = redis.Connection.GetServers()[0];
        var states = server.Keys(db.Database, RedisKeys.CustomerPattern("state"), pageSize: 1000).Select(k => (string)k!).ToList();
        var seqNos = states.Select(k => db.HashGetAsync(k, "seq")).ToList();
        var wrong = new List<string>();
        for (var i = 0; i < states.Count; i++)
        {
            var customer = RedisKeys.CustomerIdOf(states[i])!;
            if (!counts.TryGetValue(customer, out var count) || (long)await seqNos[i] != count)
            {
                wrong.Add($"{customer}: seq {await seqNos[i]}, events {(counts.TryGetValue(customer, out var c) ? c : 0)}");
            }
        }

        Assert.True(states.Count == counts.Count && wrong.Count == 0,
            $"{states.Count} states for {counts.Count} customers; {wrong.Count} with a wrong seq_no, e.g. {string.Join("; ", wrong.Take(5))}");
    }

    internal static async Task WaitUntilConsumedAsync(PipelineScenario scenario, string group, string topic)
    {
        using var probe = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = scenario.BootstrapServers, GroupId = group }).Build();
        var partitions = Enumerable.Range(0, scenario.Partitions).Select(p => new TopicPartition(topic, p)).ToList();
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var committed = probe.Committed(partitions, TimeSpan.FromSeconds(10));
            var behind = 0L;
            foreach (var offset in committed)
            {
                var high = probe.QueryWatermarkOffsets(offset.TopicPartition, TimeSpan.FromSeconds(10)).High.Value;
                behind += high - Math.Max(0, offset.Offset.Value);
            }

            if (behind == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{group} is still {behind} messages behind on {topic}");
            await Task.Delay(500);
        }
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Clv.Streaming.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Clv.Streaming.sln not found above the test binaries");
    }
}
