using Clv.Contracts.Json;
using Clv.Contracts.Scores;
using Clv.Development.Kafka;
using Clv.ModelLifecycle;
using System.Diagnostics;
using Clv.Hosting;
using Clv.Hosting.Kafka;
using Clv.Model;
using Clv.Model.Features;
using Clv.Workers;
using Confluent.Kafka;
using HdrHistogram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Clv.Development.LoadHarness;

/// <summary>
/// The harness end to end through a Kafka-protocol broker (librdkafka's in-process mock cluster): the fused
/// worker host exactly as the services build it reads <c>transactions</c> and writes <c>clv-updates</c>, and a
/// reader counts the updates. The broker's cost alone (produce, then consume, the same messages) is measured
/// first in the same run. The mock cluster shares the process and the cores and keeps about 5 MB per partition,
/// so it is a functional broker, not a throughput reference: the figures bound what it costs here, not Kafka.
/// </summary>
public sealed class KafkaPipelineBenchmark(string redisEndpoint, PipelineHarnessOptions options)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Fetch wait of the paced run's consumers: the mock broker holds every fetch for the full wait (librdkafka's
    /// default 500 ms) even with data ready, which a real broker does not; latency through it needs a short one.
    /// </summary>
    private const int PacedFetchWaitMaxMs = 10;

    private readonly string _id = Guid.NewGuid().ToString("N")[..6];

    public KafkaPipelineResult Run(int events, int partitions)
    {
        using var cluster = MockKafkaCluster.Start();
        var probe = $"bench-probe-{_id}";
        var transactions = $"bench-tx-{_id}";
        var updates = $"bench-upd-{_id}";
        foreach (var topic in new[] { probe, transactions, updates, $"bench-seq-{_id}", $"bench-alert-{_id}", $"bench-dlq-{_id}" })
        {
            cluster.CreateTopic(topic, partitions);
        }

        var source = new SyntheticSource($"kafka-{_id}", new ZipfSampler(options.Customers, options.ZipfExponent), options.Customers, transactions, 0, options.Seed);
        var messages = new Message<string, byte[]>[events];
        for (var i = 0; i < events; i++)
        {
            messages[i] = source.Next().Message;
        }

        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, LingerMs = 5 }).Build();
        var produceSeconds = Produce(producer, probe, messages);
        var consumeSeconds = CountUntil(cluster.BootstrapServers, probe, partitions, events, Stopwatch.GetTimestamp());
        var codecs = Codecs.Select(codec => MeasureCodec(cluster, codec, messages, partitions)).ToList();

        double endToEnd;
        using (var host = StartWorker(cluster.BootstrapServers, transactions, updates, "burst", fetchWaitMaxMs: null))
        {
            using var reader = WarmedReader(cluster.BootstrapServers, producer, transactions, updates, partitions, fetchWaitMaxMs: null);
            var started = Stopwatch.GetTimestamp();
            foreach (var message in messages)
            {
                producer.Produce(transactions, message);
            }

            producer.Flush(Patience);
            endToEnd = Count(reader, events, started);
            reader.Close();
            host.StopAsync().GetAwaiter().GetResult();
        }

        var pacedRate = Math.Max(1, events / endToEnd / 2);
        var latencies = MeasurePacedLatency(cluster, producer, partitions, events / 2, pacedRate);
        return new KafkaPipelineResult(events, partitions, produceSeconds, consumeSeconds, endToEnd, codecs, pacedRate, latencies);
    }

    /// <summary>A reader of <paramref name="updates"/> that has seen one event's update: the worker's group has joined and its code is warm.</summary>
    private IConsumer<string, byte[]> WarmedReader(string bootstrapServers, IProducer<string, byte[]> producer, string transactions, string updates, int partitions, int? fetchWaitMaxMs)
    {
        var warmupCustomer = new SyntheticSource($"kafka-warmup-{transactions}", new ZipfSampler(1, 1), 1, transactions, 0, options.Seed).Next().Message;
        var reader = Reader(bootstrapServers, updates, partitions, fetchWaitMaxMs);
        producer.Produce(transactions, warmupCustomer);
        producer.Flush(Patience);
        Count(reader, 1, Stopwatch.GetTimestamp());
        return reader;
    }

    /// <summary>
    /// Event-to-update latency at <paramref name="rate"/> events/s (half the measured end-to-end rate, as the pipeline
    /// harness paces it): from the event's produce call to its update being read from <c>clv-updates</c>. The events
    /// belong to customers no earlier phase used, so an update's seq_no k is its customer's k-th event produced here.
    /// </summary>
    private LongHistogram MeasurePacedLatency(MockKafkaCluster cluster, IProducer<string, byte[]> producer, int partitions, int events, double rate)
    {
        var transactions = $"bench-tx-paced-{_id}";
        var updates = $"bench-upd-paced-{_id}";
        cluster.CreateTopic(transactions, partitions);
        cluster.CreateTopic(updates, partitions);
        using var host = StartWorker(cluster.BootstrapServers, transactions, updates, "paced", PacedFetchWaitMaxMs);
        using var reader = WarmedReader(cluster.BootstrapServers, producer, transactions, updates, partitions, PacedFetchWaitMaxMs);
        var source = new SyntheticSource($"kafka-paced-{_id}", new ZipfSampler(options.Customers, options.ZipfExponent), options.Customers, transactions, 0, options.Seed + 1);
        var producedAt = new Dictionary<(string Customer, long SeqNo), long>(events);
        var producedPerCustomer = new Dictionary<string, long>();
        var latencies = new LongHistogram(1, 600_000_000, 3);
        var started = Stopwatch.GetTimestamp();
        var deadline = started + RunWindow.Ticks(Patience);
        var produced = 0;
        while (latencies.TotalCount < events)
        {
            var now = Stopwatch.GetTimestamp();
            if (now > deadline)
            {
                throw new TimeoutException($"Only {latencies.TotalCount} of {events} paced updates arrived within {Patience.TotalSeconds} s.");
            }

            var due = Math.Min(events, (int)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate) + 1);
            for (; produced < due; produced++)
            {
                var message = source.Next().Message;
                var seqNo = producedPerCustomer[message.Key] = producedPerCustomer.GetValueOrDefault(message.Key) + 1;
                producedAt[(message.Key, seqNo)] = Stopwatch.GetTimestamp();
                producer.Produce(transactions, message);
            }

            // Poll briefly so production keeps its pace; every read update is stamped as it arrives.
            if (reader.Consume(TimeSpan.FromMilliseconds(1)) is { } result
                && ClvJson.Deserialize<ClvUpdate>(result.Message.Value) is { Cause: ScoreCause.Event } update
                && producedAt.Remove((update.CustomerId, update.SeqNo), out var at))
            {
                latencies.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(at).TotalMicroseconds));
            }
        }

        reader.Close();
        host.StopAsync().GetAwaiter().GetResult();
        return latencies;
    }

    /// <summary>The codecs compared side by side, on the same messages in the same run.</summary>
    public static readonly CompressionType[] Codecs = [CompressionType.None, CompressionType.Lz4, CompressionType.Zstd, CompressionType.Snappy];

    /// <summary>
    /// Produces the messages to a fresh topic with one codec, reading librdkafka's byte count when the flush is
    /// done, then reads them back (the consumer decompresses).
    /// </summary>
    private ProducerCodecResult MeasureCodec(MockKafkaCluster cluster, CompressionType codec, Message<string, byte[]>[] messages, int partitions)
    {
        var topic = $"bench-codec-{codec.ToString().ToLowerInvariant()}-{_id}";
        cluster.CreateTopic(topic, partitions);
        long wireBytes = 0;
        var config = new ProducerConfig { BootstrapServers = cluster.BootstrapServers, LingerMs = 5, CompressionType = codec, StatisticsIntervalMs = 100 };
        using var producer = new ProducerBuilder<string, byte[]>(config)
            .SetStatisticsHandler((_, json) => Interlocked.Exchange(ref wireBytes, TransmittedBytes(json)))
            .Build();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var seconds = Produce(producer, topic, messages);
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        // The statistics run on their own interval: wait for one that was taken after the flush.
        var counted = Interlocked.Read(ref wireBytes);
        var deadline = Stopwatch.GetTimestamp() + RunWindow.Ticks(TimeSpan.FromSeconds(2));
        while (Stopwatch.GetTimestamp() < deadline && Interlocked.Read(ref wireBytes) == counted)
        {
            Thread.Sleep(20);
        }

        var payload = messages.Sum(m => (long)m.Value.Length + m.Key.Length);
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var consumeSeconds = CountUntil(cluster.BootstrapServers, topic, partitions, messages.Length, Stopwatch.GetTimestamp());
        var consumeCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return new ProducerCodecResult(codec, messages.Length, seconds, payload, Interlocked.Read(ref wireBytes), cpuSeconds, consumeSeconds, consumeCpuSeconds);
    }

    private static long TransmittedBytes(string statistics)
    {
        using var document = System.Text.Json.JsonDocument.Parse(statistics);
        return document.RootElement.GetProperty("tx_bytes").GetInt64();
    }

    private static double Produce(IProducer<string, byte[]> producer, string topic, Message<string, byte[]>[] messages)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var message in messages)
        {
            producer.Produce(topic, message);
        }

        producer.Flush(Patience);
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static double CountUntil(string bootstrapServers, string topic, int partitions, int expected, long started)
    {
        using var consumer = Reader(bootstrapServers, topic, partitions);
        var seconds = Count(consumer, expected, started);
        consumer.Close();
        return seconds;
    }

    /// <summary>Reads until <paramref name="expected"/> messages arrived; seconds since <paramref name="started"/>.</summary>
    private static double Count(IConsumer<string, byte[]> consumer, int expected, long started)
    {
        var deadline = Stopwatch.GetTimestamp() + RunWindow.Ticks(Patience);
        for (var seen = 0; seen < expected;)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Only {seen} of {expected} messages arrived within {Patience.TotalSeconds} s.");
            }

            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not null)
            {
                seen++;
            }
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>A reader of every partition of a topic from its beginning (topics are fresh per run), assigned, not in a group.</summary>
    private static IConsumer<string, byte[]> Reader(string bootstrapServers, string topic, int partitions, int? fetchWaitMaxMs = null)
    {
        var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"bench-reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = fetchWaitMaxMs,
        }).Build();
        var assignment = new List<TopicPartitionOffset>();
        for (var p = 0; p < partitions; p++)
        {
            assignment.Add(new TopicPartitionOffset(topic, p, Offset.Beginning));
        }

        consumer.Assign(assignment);
        return consumer;
    }

    private IHost StartWorker(string bootstrapServers, string transactions, string updates, string role, int? fetchWaitMaxMs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Kafka:SessionTimeoutMs"] = "6000",
            ["Kafka:MaxPollIntervalMs"] = "30000",
            ["Redis:ConnectionString"] = $"{redisEndpoint},syncTimeout=15000,asyncTimeout=15000",
            ["Kafka:FetchWaitMaxMs"] = fetchWaitMaxMs?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Workers:ScorerGroupId"] = $"bench-scorer-{_id}-{role}",
            ["Workers:SequencerGroupId"] = $"bench-sequencer-{_id}-{role}",
            ["Workers:Topics:Transactions"] = transactions,
            ["Workers:Topics:Sequenced"] = $"bench-seq-{_id}",
            ["Workers:Topics:ClvUpdates"] = updates,
            ["Workers:Topics:ChurnAlerts"] = $"bench-alert-{_id}",
            ["Workers:Topics:DeadLetter"] = $"bench-dlq-{_id}",
        });
        builder.AddClvDefaults();
        var model = MtlLstmModel.CreateInitial(new ModelConfig(HiddenSize: options.HiddenSize, DenseSize: options.HiddenSize), FeatureStatistics.Identity, options.Seed, "bench");
        builder.Services.AddSingleton(new ActiveModel(model));
        builder.AddFusedWorker();
        var host = builder.Build();
        host.StartAsync().GetAwaiter().GetResult();
        return host;
    }
}
