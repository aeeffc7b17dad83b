using Clv.Development.Replay;
using Clv.Contracts.Files;
using Clv.TestInfrastructure;
using Xunit.Abstractions;

namespace Clv.Cli.Tests;

[Collection(nameof(KafkaCollection))]
public sealed class TransactionReplayerTests(KafkaFixture kafka, ITestOutputHelper output)
{
    // About 12 MB of JSON: 16 partitions keep each well under the mock cluster's ~5 MB per partition.
    private const int Partitions = 16;

    [Fact]
    public async Task PublishAsync_CdnowMaster_PublishesAll69659Events()
    {
        var topic = $"cdnow-{Guid.NewGuid():N}";
        await kafka.CreateTopicAsync(topic, Partitions);
        var file = TransactionFileReader.Load(Path.Combine(AppContext.BaseDirectory, "data", "cdnow", "CDNOW_master.txt"));
        using var producer = kafka.CreateClientFactory().CreateProducer("test-replay");

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var result = await new TransactionReplayer(producer, topic, speed: 0).PublishAsync(file.Events, onProgress: null, CancellationToken.None);
        output.WriteLine($"published {result.Published:N0} in {stopwatch.Elapsed.TotalSeconds:F2} s ({kafka.Backend})");

        Assert.Equal(new PublishResult(69_659, 0, null, Cancelled: false), result);
        Assert.Equal(69_659, TopicReader.CountHeld(kafka, topic, Partitions));
    }
}
