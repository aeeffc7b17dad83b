using Clv.Contracts;
using Clv.Development.Kafka;
using Clv.Hosting.Kafka;
using Clv.Development.Embedded;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Clv.Standalone;

/// <summary>
/// The Kafka, Redis and message bus this run uses: the external ones the options name, else embedded
/// ones started here (librdkafka's mock cluster, Garnet, MassTransit's in-memory transport) and
/// stopped on dispose.
/// </summary>
public sealed class StandaloneInfrastructure : IDisposable
{
    private static readonly string[] DataTopics =
        [Topics.Transactions, Topics.Sequenced, Topics.ClvUpdates, Topics.ChurnAlerts, Topics.DeadLetter];

    private readonly MockKafkaCluster? _kafka;
    private readonly EmbeddedGarnet? _garnet;

    private StandaloneInfrastructure(MockKafkaCluster? kafka, string kafkaBootstrapServers, EmbeddedGarnet? garnet, string redisConnectionString, Uri? rabbitMqUri)
    {
        _kafka = kafka;
        _garnet = garnet;
        KafkaBootstrapServers = kafkaBootstrapServers;
        RedisConnectionString = redisConnectionString;
        RabbitMqUri = rabbitMqUri;
    }

    public string KafkaBootstrapServers { get; }

    public string RedisConnectionString { get; }

    /// <summary>Null: the control plane runs on MassTransit's in-memory transport.</summary>
    public Uri? RabbitMqUri { get; }

    /// <summary>One line naming what runs where, for the console views (no passwords).</summary>
    public string Description =>
        $"Kafka {(_kafka is null ? "external" : "mock cluster")} {KafkaBootstrapServers}, " +
        $"Redis {(_garnet is null ? "external" : $"Garnet :{_garnet.Port}")}, " +
        $"bus {(RabbitMqUri is null ? "in-memory" : $"RabbitMQ {RabbitMqUri.Host}")}";

    public static async Task<StandaloneInfrastructure> StartAsync(StandaloneOptions options)
    {
        MockKafkaCluster? kafka = null;
        EmbeddedGarnet? garnet = null;
        try
        {
            var bootstrapServers = options.KafkaBootstrapServers;
            if (bootstrapServers is null)
            {
                kafka = MockKafkaCluster.Start();
                foreach (var topic in DataTopics)
                {
                    kafka.CreateTopic(topic, options.Partitions);
                }
                bootstrapServers = kafka.BootstrapServers;
            }
            else
            {
                await CreateMissingTopicsAsync(bootstrapServers, options.Partitions);
            }

            garnet = options.RedisConnectionString is null ? EmbeddedGarnet.Start() : null;
            return new StandaloneInfrastructure(kafka, bootstrapServers, garnet,
                options.RedisConnectionString ?? garnet!.ConnectionString, options.RabbitMqUri);
        }
        catch
        {
            garnet?.Dispose();
            kafka?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _garnet?.Dispose();
        _kafka?.Dispose();
    }

    private static async Task CreateMissingTopicsAsync(string bootstrapServers, int partitions)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var specifications = new List<TopicSpecification>(DataTopics.Length);
        foreach (var topic in DataTopics)
        {
            specifications.Add(new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = 1 });
        }
        try
        {
            await admin.CreateTopicsAsync(specifications);
        }
        catch (CreateTopicsException ex) when (ex.Results.TrueForAll(r => r.Error.Code is ErrorCode.TopicAlreadyExists or ErrorCode.NoError))
        {
        }
    }
}
