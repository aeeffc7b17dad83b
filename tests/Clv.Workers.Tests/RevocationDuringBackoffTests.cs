using System.Text.RegularExpressions;
using Clv.Contracts.Json;
using Clv.ModelLifecycle;
using Clv.TestInfrastructure;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Clv.Workers.Tests;

/// <summary>
/// Issue 11, finding 7: a rebalance while the worker is in its retry backoff (Redis unreachable) must not wait for
/// the backoff. The backoff here is ten minutes; a second member joins the group and must get its share while the
/// first member is still inside that one backoff. A worker that sleeps (in the backoff or in the revoke callback)
/// stops polling, so the group cannot rebalance until the member is evicted: the second member then gets nothing
/// within the wait, or, after the eviction, every partition.
/// </summary>
[Collection(nameof(WorkersCollection))]
public sealed class RevocationDuringBackoffTests(KafkaFixture kafka, RedisFixture redis)
{
    private const int BackoffMs = 600_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly Regex Retry = new(@"Batch of (?<count>\d+) on \S+ failed .*retrying the same batch in (?<delay>\d+) ms", RegexOptions.Compiled);
    private static readonly Regex Left = new(@"Left (?<left>\d+) messages of revoked partitions of \S+ uncommitted for their next owner; (?<kept>\d+) of partitions still owned stay in hand", RegexOptions.Compiled);

    [Fact]
    public async Task ASecondMemberJoiningDuringTheBackoff_GetsItsShareBeforeTheBackoffEnds_AndTheRetainedMessagesStayInHand()
    {
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 2);
        await scenario.CreateTopicsAsync();
        var events = TestEvents.Generate(scenario.Prefix, customers: 6, maxEvents: 3, seed: 11);
        // Customers alternate between the two partitions, so each partition's count is known from the input.
        var customers = events.Select(e => e.CustomerId).Distinct().ToList();
        var perPartition = new int[2];
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        {
            foreach (var e in events)
            {
                var partition = customers.IndexOf(e.CustomerId) % 2;
                perPartition[partition]++;
                await producer.ProduceAsync(new TopicPartition(scenario.TransactionsTopic, partition), new Message<string, byte[]> { Key = e.CustomerId, Value = ClvJson.Serialize(e) });
            }
        }

        await using var unreachable = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{FreeTcpPort.Next()},abortConnect=false,connectTimeout=200,asyncTimeout=500");
        var host = await scenario.StartAsync(fused: true, new ActiveModel(TestModels.Create()), redis: unreachable,
            settings: new Dictionary<string, string?>
            {
                ["Workers:Recency:Enabled"] = "false",
                // One batch holds every message: they are all in the topic before the worker starts.
                ["Workers:Batch:MaxDelayMs"] = "2000",
                ["Workers:Retry:InitialDelayMs"] = BackoffMs.ToString(),
                ["Workers:Retry:MaxDelayMs"] = BackoffMs.ToString(),
                // Longer than the wait below: a member that stops polling is not evicted within the test.
                ["Kafka:MaxPollIntervalMs"] = BackoffMs.ToString(),
            });

        var retry = await WaitForLineAsync(scenario.Log, Retry, "the worker's first retry backoff");
        Assert.Equal(events.Count, int.Parse(retry.Groups["count"].Value));
        var taken = await JoinSecondMemberAsync(scenario, $"scorer-{scenario.Prefix}");
        // A share, not every partition: the first member took part in the rebalance instead of being evicted.
        var revoked = Assert.Single(taken);
        var left = await WaitForLineAsync(scenario.Log, Left, "the revoke callback giving the partition away");

        Assert.Equal((perPartition[revoked], perPartition[1 - revoked]), (int.Parse(left.Groups["left"].Value), int.Parse(left.Groups["kept"].Value)));
        // Still inside its one backoff: the batch was tried once in the callback and not retried by the loop.
        Assert.Single(scenario.Log.Lines, line => Retry.IsMatch(line));
        Assert.Single(scenario.Log.Lines, line => line.Contains("failed during a rebalance", StringComparison.Ordinal));
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "the worker stopped");
    }

    /// <summary>A plain member of the worker's group (same assignment strategy); returns the partitions it is given.</summary>
    private async Task<List<int>> JoinSecondMemberAsync(PipelineScenario scenario, string groupId) =>
        await Task.Run(() =>
        {
            var assigned = new List<int>();
            using var consumer = kafka.CreateClientFactory().CreateConsumer(groupId, "second-member",
                builder => builder.SetPartitionsAssignedHandler((_, partitions) => assigned.AddRange(partitions.Select(p => p.Partition.Value))));
            consumer.Subscribe(scenario.TransactionsTopic);
            var deadline = DateTime.UtcNow + Timeout;
            while (assigned.Count == 0)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException(
                        $"The second member got no partition within {Timeout}: the group's rebalance waits for the first member.{Environment.NewLine}{string.Join(Environment.NewLine, scenario.Log.Lines.TakeLast(20))}");
                }

                consumer.Consume(TimeSpan.FromMilliseconds(100));
            }

            consumer.Close();
            return assigned;
        });

    private static async Task<Match> WaitForLineAsync(RecordingLoggerProvider log, Regex pattern, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            if (log.Lines.Select(line => pattern.Match(line)).FirstOrDefault(m => m.Success) is { } match)
            {
                return match;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No log line for {what} within {Timeout}:{Environment.NewLine}{string.Join(Environment.NewLine, log.Lines.TakeLast(20))}");
            }

            await Task.Delay(100);
        }
    }
}
