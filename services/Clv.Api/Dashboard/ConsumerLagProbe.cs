using Clv.Hosting.Kafka;
using Confluent.Kafka;

namespace Clv.Api.Dashboard;

/// <summary>
/// Consumer lag of the workers' groups: for every partition of a group's topic, the high watermark
/// minus the group's committed offset (or minus the low watermark while nothing is committed yet).
/// </summary>
public sealed class ConsumerLagProbe(KafkaOptions kafka, IReadOnlyList<(string Group, string Topic)> groups) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly IAdminClient _admin = new AdminClientBuilder(Configured(kafka, new AdminClientConfig())).Build();
    private readonly IConsumer<Ignore, Ignore> _watermarks = new ConsumerBuilder<Ignore, Ignore>(Configured(kafka, new ConsumerConfig
    {
        GroupId = "clv-lag-probe", // never joins: only queries watermarks
    })).Build();

    public async Task<long> MeasureAsync()
    {
        long lag = 0;
        foreach (var (group, topic) in groups)
        {
            var partitions = _admin.GetMetadata(topic, Timeout).Topics[0].Partitions;
            var request = new List<TopicPartition>(partitions.Count);
            foreach (var partition in partitions)
            {
                request.Add(new TopicPartition(topic, partition.PartitionId));
            }

            var committed = await _admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(group, request)]);
            foreach (var offset in committed[0].Partitions)
            {
                var marks = _watermarks.QueryWatermarkOffsets(offset.TopicPartition, Timeout);
                var consumedUpTo = offset.Offset.Value >= 0 ? offset.Offset.Value : marks.Low.Value;
                lag += Math.Max(0, marks.High.Value - consumedUpTo);
            }
        }
        return lag;
    }

    // The brokers' address and security settings (SASL, TLS) of the services' own clients.
    private static T Configured<T>(KafkaOptions kafka, T config) where T : ClientConfig
    {
        kafka.ApplyTo(config);
        return config;
    }

    public void Dispose()
    {
        _watermarks.Dispose();
        _admin.Dispose();
    }
}
