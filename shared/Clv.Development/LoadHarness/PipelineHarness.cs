using System.Diagnostics;
using System.Globalization;
using Clv.Model;
using Clv.Model.Features;
using Clv.Workers.Kafka;
using Clv.Workers.Options;
using Clv.Workers.Pipeline;
using Clv.Workers.Redis;
using Confluent.Kafka;
using HdrHistogram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Clv.Development.LoadHarness;

/// <summary>
/// Drives the workers' real sequencer and scorer (Lua sequencing script, state store, incremental scorer,
/// publisher into an in-process sink), registered as the services register them (<see cref="HarnessServices"/>),
/// against a real Redis with an in-process source of Zipf-distributed
/// customers, one scenario at a time; each scenario uses fresh customer ids, so scenarios never see each
/// other's state. Fused: each worker thread runs the fused handler over its own partition. Split: each
/// partition has a sequencer thread and a scorer thread linked by a bounded <see cref="SequencedQueue"/>.
/// The connection needs <c>allowAdmin</c>: the harness reads redis-server's INFO (memory, CPU) and may flush.
/// </summary>
public sealed class PipelineHarness(IConnectionMultiplexer redis, PipelineHarnessOptions options, bool flushBetweenScenarios)
{
    private readonly MtlLstmModel _model = MtlLstmModel.CreateInitial(
        new ModelConfig(HiddenSize: options.HiddenSize, DenseSize: options.HiddenSize), FeatureStatistics.Identity, options.Seed, "bench");

    private readonly string _runId = Guid.NewGuid().ToString("N")[..6];
    private int _scenarios;

    /// <summary>
    /// The standard comparison: one round trip per event vs pipelined batches, fused vs split, 1 vs 2 worker
    /// threads, then the best pipelined setting again at half its measured rate for latency.
    /// </summary>
    public IReadOnlyList<PipelineResult> RunSuite(Action<PipelineResult> progress)
    {
        const int Batch = 500;
        var results = new List<PipelineResult>();
        foreach (var scenario in new PipelineScenario[]
        {
            new("fused, 1 thread, 1 event per batch", Topology.Fused, 1, 1),
            new("fused, 1 thread, batches of 500", Topology.Fused, 1, Batch),
            new("split, 1+1 threads, batches of 500", Topology.Split, 1, Batch),
            new("fused, 2 threads, batches of 500", Topology.Fused, 2, Batch),
            new("split, 2+2 threads, batches of 500", Topology.Split, 2, Batch),
        })
        {
            results.Add(Run(scenario));
            progress(results[^1]);
        }

        var best = results[1];
        foreach (var result in results)
        {
            if (result.Scenario.BatchSize > 1 && result.EventsPerSecond > best.EventsPerSecond)
            {
                best = result;
            }
        }

        var half = Math.Round(best.EventsPerSecond / 2);
        var paced = best.Scenario with { Name = $"{best.Scenario.Name}, paced at {half.ToString("N0", CultureInfo.InvariantCulture)}/s (half its rate)", EventsPerSecond = half };
        results.Add(Run(paced));
        progress(results[^1]);
        return results;
    }

    /// <summary>What the source alone delivers (generating and serialising events) on one thread: the ceiling of any scenario.</summary>
    public double SourceEventsPerSecond(TimeSpan duration)
    {
        var source = new SyntheticSource($"source-{_runId}", new ZipfSampler(options.Customers, options.ZipfExponent), options.Customers, "transactions", 0, options.Seed);
        var started = Stopwatch.GetTimestamp();
        var deadline = started + RunWindow.Ticks(duration);
        long count = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            for (var i = 0; i < 1000; i++)
            {
                source.Next();
            }

            count += 1000;
        }

        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    public PipelineResult Run(PipelineScenario scenario)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scenario.Threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(scenario.BatchSize, 1);
        if (flushBetweenScenarios)
        {
            redis.GetServers()[0].FlushDatabase();
        }

        var prefix = $"bench-{_runId}-s{Interlocked.Increment(ref _scenarios)}";
        using var services = HarnessServices.Build(redis, _model);
        var handlers = services.GetRequiredService<WorkerHandlers>();
        var topics = services.GetRequiredService<IOptions<WorkersOptions>>().Value.Topics;
        LoadScripts();
        var customersPerThread = Math.Max(1, options.Customers / scenario.Threads);
        var zipf = new ZipfSampler(customersPerThread, options.ZipfExponent);
        double? ratePerThread = scenario.EventsPerSecond is { } rate ? rate / scenario.Threads : null;

        GC.Collect();
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var workerCpu = Environment.CpuUsage.TotalTime;
        var redisCpu = RedisInfo("cpu", "used_cpu_user") + RedisInfo("cpu", "used_cpu_sys");
        using var memory = new MemoryMonitor();
        using var allocations = options.SampleAllocations ? new AllocationSampler() : null;
        var window = new RunWindow(options.Warmup, options.Duration, options.MaxEvents);
        var recorders = new List<LatencyRecorder>();
        var threads = new List<Thread>();
        var failures = new List<Exception>();
        for (var w = 0; w < scenario.Threads; w++)
        {
            var source = new SyntheticSource($"{prefix}-w{w}", zipf, customersPerThread, topics.Transactions, w, options.Seed + w);
            var feed = new EventFeed(source, window, ratePerThread);
            var recorder = new LatencyRecorder(window);
            recorders.Add(recorder);
            if (scenario.Topology == Topology.Fused)
            {
                var handler = handlers.Fused(new InMemoryProducer());
                threads.Add(Worker($"fused-{w}", failures, () => RunFused(handler, feed, recorder, scenario.BatchSize)));
            }
            else
            {
                var queue = new SequencedQueue(topics.Sequenced, w, Math.Max(64, 4 * scenario.BatchSize));
                var sequencer = handlers.Sequencer(new InMemoryProducer(topics.Sequenced, queue.Forward));
                var scorer = handlers.Scorer(new InMemoryProducer());
                threads.Add(Worker($"sequencer-{w}", failures, () => RunSequencer(sequencer, feed, queue, scenario.BatchSize)));
                threads.Add(Worker($"scorer-{w}", failures, () => RunScorer(scorer, queue, recorder, scenario.BatchSize)));
            }
        }

        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        if (failures.Count > 0)
        {
            throw new AggregateException($"Scenario '{scenario.Name}' failed.", failures);
        }

        var latencies = new LongHistogram(1, 600_000_000, 3);
        long completed = 0;
        long lastDone = window.MeasureFromTicks;
        foreach (var recorder in recorders)
        {
            latencies.Add(recorder.Histogram);
            completed += recorder.Completed;
            lastDone = Math.Max(lastDone, recorder.LastDoneTicks);
        }

        var taken = Math.Max(1, Math.Min(window.Taken, window.MaxEvents));
        return new PipelineResult(
            scenario,
            completed,
            (lastDone - window.MeasureFromTicks) / (double)Stopwatch.Frequency,
            Milliseconds(latencies, 50),
            Milliseconds(latencies, 90),
            Milliseconds(latencies, 99),
            Milliseconds(latencies, 99.9),
            latencies.TotalCount > 0 ? latencies.GetMaxValue() / 1000.0 : double.NaN,
            memory.PeakWorkingSetBytes / 1048576.0,
            memory.PeakManagedHeapBytes / 1048576.0,
            (GC.GetTotalAllocatedBytes(precise: false) - allocated) / (double)taken,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(2) - gen2,
            RedisInfo("memory", "used_memory") / 1048576.0,
            (Environment.CpuUsage.TotalTime - workerCpu).TotalMicroseconds / taken,
            (RedisInfo("cpu", "used_cpu_user") + RedisInfo("cpu", "used_cpu_sys") - redisCpu) * 1e6 / taken,
            allocations?.Top(8, taken) ?? []);
    }

    /// <summary>
    /// Loads the workers' Lua scripts before the threads start, as a worker does at start-up, so no measured
    /// batch meets NOSCRIPT (which the consume loop answers by retrying the batch, and the harness has no loop).
    /// </summary>
    private void LoadScripts()
    {
        WorkerScripts.LoadAllAsync(redis).GetAwaiter().GetResult();
    }

    private static void RunFused(IBatchHandler handler, EventFeed feed, LatencyRecorder recorder, int batchSize)
    {
        var batch = new List<ConsumeResult<string, byte[]>>(batchSize);
        var arrivals = new List<long>(batchSize);
        while (feed.Fill(batch, arrivals, batchSize))
        {
            handler.HandleAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
            recorder.Record(arrivals, Stopwatch.GetTimestamp());
        }
    }

    private static void RunSequencer(IBatchHandler handler, EventFeed feed, SequencedQueue queue, int batchSize)
    {
        var batch = new List<ConsumeResult<string, byte[]>>(batchSize);
        try
        {
            while (feed.Fill(batch, queue.BatchArrivals, batchSize))
            {
                queue.NextInBatch = 0;
                handler.HandleAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
            }
        }
        finally
        {
            queue.Messages.CompleteAdding();
        }
    }

    private static void RunScorer(IBatchHandler handler, SequencedQueue queue, LatencyRecorder recorder, int batchSize)
    {
        var batch = new List<ConsumeResult<string, byte[]>>(batchSize);
        var arrivals = new List<long>(batchSize);
        try
        {
            ScoreUntilCompleted(handler, queue, recorder, batch, arrivals, batchSize);
        }
        catch
        {
            queue.Abort();
            throw;
        }
    }

    private static void ScoreUntilCompleted(IBatchHandler handler, SequencedQueue queue, LatencyRecorder recorder, List<ConsumeResult<string, byte[]>> batch, List<long> arrivals, int batchSize)
    {
        while (!queue.Messages.IsCompleted)
        {
            batch.Clear();
            arrivals.Clear();
            if (!queue.Messages.TryTake(out var first, 100))
            {
                continue;
            }

            batch.Add(first.Message);
            arrivals.Add(first.ArrivalTicks);
            while (batch.Count < batchSize && queue.Messages.TryTake(out var next))
            {
                batch.Add(next.Message);
                arrivals.Add(next.ArrivalTicks);
            }

            handler.HandleAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
            recorder.Record(arrivals, Stopwatch.GetTimestamp());
        }
    }

    private static Thread Worker(string name, List<Exception> failures, Action body) => new(() =>
    {
        try
        {
            body();
        }
        catch (Exception error)
        {
            lock (failures)
            {
                failures.Add(error);
            }
        }
    })
    {
        Name = name,
        IsBackground = true,
    };

    private static double Milliseconds(LongHistogram histogram, double percentile) =>
        histogram.TotalCount > 0 ? histogram.GetValueAtPercentile(percentile) / 1000.0 : double.NaN;

    private double RedisInfo(string section, string field) => RedisServerInfo.Number(redis.GetServers()[0], section, field);
}
