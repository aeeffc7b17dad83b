using Clv.TestInfrastructure;
using Clv.Workers.Positions;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clv.Workers.Tests;

/// <summary>
/// The check a handler makes between its Redis writes and what it publishes: a batch begun by the consume loop's
/// positions refuses to go on once Redis has restarted since (its writes may have met a state that lost earlier ones).
/// </summary>
public sealed class RedisIncarnationTests
{
    [Fact]
    public async Task RedisRestartedAfterTheBatchBegan_HandlerCheckThrows_UntilANewBatchBegins()
    {
        using var server = new AofRedisServer();
        await using var redis = await server.ConnectAsync(timeoutMs: 5000);
        var incarnation = new RedisIncarnation(redis);
        var positions = new PartitionPositions(redis, incarnation, "group", "topic", NullLogger.Instance);
        // Never assigned, so nothing to verify: the consumer is not used.
        IReadOnlyList<ConsumeResult<string, byte[]>> batch = [new() { TopicPartitionOffset = new TopicPartitionOffset("topic", 0, 5), Message = new Message<string, byte[]>() }];

        Assert.True(positions.BeginBatch(consumer: null!, batch));
        await incarnation.EnsureUnchangedAsync();
        server.Restart();
        await AofRedisServer.WaitUntilAnswersAsync(redis);

        await Assert.ThrowsAsync<BatchNotDurableException>(incarnation.EnsureUnchangedAsync);
        Assert.True(positions.BeginBatch(consumer: null!, batch));
        await incarnation.EnsureUnchangedAsync();
    }
}
