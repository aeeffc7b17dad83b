using System.Runtime.InteropServices;
using System.Text;

namespace Clv.Development.Kafka;

/// <summary>
/// A Kafka-protocol broker inside this process: librdkafka's mock cluster, started through its
/// native API. Ordinary Confluent.Kafka clients connect to <see cref="BootstrapServers"/>.
/// Good for correctness tests and the embedded demo, not for broker throughput figures.
/// </summary>
/// <remarks>
/// Limits of the mock: each partition keeps only about 5 MB (older messages are dropped and the low
/// watermark moves up, so a consumer further behind silently skips data: use enough partitions).
/// Its group coordinator holds a join for <c>session.timeout.ms</c> minus 1 s whenever the group
/// is rebalancing, e.g. right after the last member left (a restart), and for
/// <c>max.poll.interval.ms</c> in other cases: consumers against it should use
/// <see cref="ConsumerSessionTimeoutMs"/>.
/// </remarks>
public sealed unsafe class MockKafkaCluster : IDisposable
{
    private const int ProducerType = 0; // RD_KAFKA_PRODUCER: the handle only hosts the mock's broker threads
    private const int ErrorBufferSize = 512;
    private const int TopicAlreadyExists = 36; // RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS

    private readonly Lock _gate = new();
    /// <summary>
    /// Session timeout for consumers of the mock: short, so a restarted consumer rejoins within
    /// about 2 s, yet several heartbeats long (heartbeats go every session/5).
    /// </summary>
    public const int ConsumerSessionTimeoutMs = 3000;

    private IntPtr _handle;   // rd_kafka_t* that owns the cluster
    private IntPtr _cluster;  // rd_kafka_mock_cluster_t*

    private MockKafkaCluster(IntPtr handle, IntPtr cluster, string bootstrapServers)
    {
        _handle = handle;
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Comma-separated host:port list of the mock brokers (loopback, ephemeral ports).</summary>
    public string BootstrapServers { get; }

    /// <summary>Path of the native librdkafka the cluster runs in (the one Confluent.Kafka uses).</summary>
    public static string NativeLibraryPath => LoadedLibrdkafka.Path;

    public static MockKafkaCluster Start(int brokers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        var confNew = (delegate* unmanaged<IntPtr>)LoadedLibrdkafka.Export("rd_kafka_conf_new");
        var kafkaNew = (delegate* unmanaged<int, IntPtr, byte*, nuint, IntPtr>)LoadedLibrdkafka.Export("rd_kafka_new");
        var clusterNew = (delegate* unmanaged<IntPtr, int, IntPtr>)LoadedLibrdkafka.Export("rd_kafka_mock_cluster_new");
        var bootstraps = (delegate* unmanaged<IntPtr, IntPtr>)LoadedLibrdkafka.Export("rd_kafka_mock_cluster_bootstraps");
        var rebalanceDelay = (delegate* unmanaged<IntPtr, int, void>)LoadedLibrdkafka.Export("rd_kafka_mock_group_initial_rebalance_delay_ms");

        var conf = confNew();
        SetConf(conf, "log_level", "3"); // errors only: the host handle has no brokers and would warn about it
        var error = stackalloc byte[ErrorBufferSize];
        var handle = kafkaNew(ProducerType, conf, error, ErrorBufferSize); // takes ownership of conf
        if (handle == IntPtr.Zero)
        {
            throw new InvalidOperationException($"rd_kafka_new failed: {Marshal.PtrToStringUTF8((IntPtr)error)}");
        }

        var cluster = clusterNew(handle, brokers);
        if (cluster == IntPtr.Zero)
        {
            DestroyHandle(handle);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");
        }

        // A real broker delays the first rebalance by 3 s to gather members; tests and the demo
        // start one consumer at a time, so join immediately.
        rebalanceDelay(cluster, 0);
        var servers = Marshal.PtrToStringUTF8(bootstraps(cluster))
            ?? throw new InvalidOperationException("rd_kafka_mock_cluster_bootstraps returned null");
        return new MockKafkaCluster(handle, cluster, servers);
    }

    /// <summary>
    /// Creates a topic (replication factor 1) before any client auto-creates it with the mock's
    /// defaults. An existing topic is left as it is, so hosts can create their topics on every start.
    /// </summary>
    public void CreateTopic(string name, int partitions)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var topicCreate = (delegate* unmanaged<IntPtr, byte*, int, int, int>)LoadedLibrdkafka.Export("rd_kafka_mock_topic_create");
        var errorName = (delegate* unmanaged<int, IntPtr>)LoadedLibrdkafka.Export("rd_kafka_err2name");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            fixed (byte* topic = Utf8z(name))
            {
                var err = topicCreate(_cluster, topic, partitions, 1);
                if (err != 0 && err != TopicAlreadyExists)
                {
                    throw new InvalidOperationException($"rd_kafka_mock_topic_create({name}, {partitions}) failed: {Marshal.PtrToStringUTF8(errorName(err))}");
                }
            }
        }
    }

    /// <summary>
    /// Removes a partition's records before <paramref name="beforeOffset"/>, as Kafka's retention does: its log
    /// then starts at that offset.
    /// </summary>
    public void DeleteRecords(string topic, int partition, long beforeOffset)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var deleteRecords = (delegate* unmanaged<IntPtr, byte*, int, long, int>)LoadedLibrdkafka.Export("rd_kafka_mock_partition_delete_records");
        var errorName = (delegate* unmanaged<int, IntPtr>)LoadedLibrdkafka.Export("rd_kafka_err2name");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            fixed (byte* name = Utf8z(topic))
            {
                var err = deleteRecords(_cluster, name, partition, beforeOffset);
                if (err != 0)
                {
                    throw new InvalidOperationException($"rd_kafka_mock_partition_delete_records({topic}, {partition}, {beforeOffset}) failed: {Marshal.PtrToStringUTF8(errorName(err))}");
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster == IntPtr.Zero)
            {
                return;
            }
            var clusterDestroy = (delegate* unmanaged<IntPtr, void>)LoadedLibrdkafka.Export("rd_kafka_mock_cluster_destroy");
            clusterDestroy(_cluster);
            DestroyHandle(_handle);
            _cluster = IntPtr.Zero;
            _handle = IntPtr.Zero;
        }
    }

    private static void DestroyHandle(IntPtr handle)
    {
        var destroy = (delegate* unmanaged<IntPtr, void>)LoadedLibrdkafka.Export("rd_kafka_destroy");
        destroy(handle);
    }

    private static void SetConf(IntPtr conf, string name, string value)
    {
        var confSet = (delegate* unmanaged<IntPtr, byte*, byte*, byte*, nuint, int>)LoadedLibrdkafka.Export("rd_kafka_conf_set");
        var error = stackalloc byte[ErrorBufferSize];
        fixed (byte* n = Utf8z(name))
        fixed (byte* v = Utf8z(value))
        {
            if (confSet(conf, n, v, error, ErrorBufferSize) != 0)
            {
                throw new InvalidOperationException($"rd_kafka_conf_set({name}) failed: {Marshal.PtrToStringUTF8((IntPtr)error)}");
            }
        }
    }

    private static byte[] Utf8z(string s) => Encoding.UTF8.GetBytes(s + '\0');
}
