using Clv.Development.Kafka;
using Clv.Hosting.Kafka;
using Confluent.Kafka;

namespace Clv.Hosting.Tests;

public sealed class MockKafkaClusterTests
{
    [Fact]
    public void CreateTopic_ShowsInBrokerMetadataWithItsPartitions()
    {
        using var cluster = MockKafkaCluster.Start();
        cluster.CreateTopic("transactions", 6);
        cluster.CreateTopic("transactions", 6); // again, as a restarting host does

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var metadata = admin.GetMetadata("transactions", TimeSpan.FromSeconds(10));

        Assert.Equal(6, metadata.Topics.Single().Partitions.Count);
    }

    [Fact]
    public void Dispose_StopsTheBrokers()
    {
        var cluster = MockKafkaCluster.Start();
        var bootstrap = cluster.BootstrapServers;
        cluster.Dispose();

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();

        Assert.Throws<KafkaException>(() => admin.GetMetadata(TimeSpan.FromSeconds(2)));
    }
}
