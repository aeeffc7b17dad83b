using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Clv.Development.LoadHarness;
using StackExchange.Redis;

namespace Clv.Cli;

/// <summary>
/// <c>clv bench pipeline</c>: the load harness of <see cref="PipelineHarness"/> against a real redis-server (one
/// it starts, or <c>--redis</c>); prints a Markdown table and the comparisons as ratios. Bounded by
/// <c>--duration</c> per scenario and <c>--max-events</c>; stops by itself.
/// <c>clv bench kafka</c>: the same workers end to end through the in-process Kafka-protocol mock broker
/// (<see cref="KafkaPipelineBenchmark"/>), with the broker's own cost beside it.
/// <c>clv bench memory</c>: Redis bytes per customer in the current storage format (<see cref="RedisMemoryMeasurement"/>).
/// </summary>
public sealed class BenchCommand : Command
{
    /// <param name="output">Where the report goes (default: standard output, unwrapped, so the Markdown tables stay whole).</param>
    public BenchCommand(TextWriter? output = null)
        : base("bench", "Measure the pipeline: sustained events/s, latency percentiles and memory")
    {
        output ??= Console.Out;
        var redis = new Option<string?>("--redis") { Description = "host:port of a Redis to use (default: start a redis-server on a free port); customer ids are unique per run, nothing is flushed", Recursive = true };
        var customers = new Option<int>("--customers") { Description = "Customers of the synthetic source", DefaultValueFactory = _ => 100_000, Recursive = true };
        var zipf = new Option<double>("--zipf") { Description = "Zipf exponent of customer activity", DefaultValueFactory = _ => 1.0, Recursive = true };
        var hidden = new Option<int>("--hidden") { Description = "LSTM hidden size of the (random) model", DefaultValueFactory = _ => 32, Recursive = true };
        Options.Add(redis);
        Options.Add(customers);
        Options.Add(zipf);
        Options.Add(hidden);
        var json = new Option<bool>("--json") { Description = "Print the measured rows as JSON instead of tables", Recursive = true };
        Options.Add(json);
        var duration = new Option<double>("--duration") { Description = "Measured seconds per scenario", DefaultValueFactory = _ => 10 };
        var warmup = new Option<double>("--warmup") { Description = "Warm-up seconds per scenario (not measured)", DefaultValueFactory = _ => 2 };
        var maxEvents = new Option<long>("--max-events") { Description = "Upper bound of events per scenario", DefaultValueFactory = _ => 5_000_000 };

        var allocations = new Option<bool>("--allocations") { Description = "Also sample what each scenario allocates, by type (GC allocation ticks)" };
        var pipeline = new Command("pipeline", "Sequencer and scorer against real Redis with an in-process source and sink")
        {
            duration, warmup, maxEvents, allocations,
        };
        pipeline.SetAction(parse =>
        {
            var options = new PipelineHarnessOptions
            {
                Customers = parse.GetValue(customers),
                ZipfExponent = parse.GetValue(zipf),
                Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
                Warmup = TimeSpan.FromSeconds(parse.GetValue(warmup)),
                MaxEvents = parse.GetValue(maxEvents),
                HiddenSize = parse.GetValue(hidden),
                SampleAllocations = parse.GetValue(allocations),
            };
            var endpoint = parse.GetValue(redis);
            using var server = endpoint is null ? LocalRedisServer.Start() : null;
            using var connection = ConnectionMultiplexer.Connect($"{endpoint ?? server!.Endpoint},allowAdmin=true,syncTimeout=15000,asyncTimeout=15000");
            var harness = new PipelineHarness(connection, options, flushBetweenScenarios: server is not null);
            if (parse.GetValue(json))
            {
                var rows = harness.RunSuite(_ => { }).Select(r => new
                {
                    scenario = r.Scenario.Name, r.Events, r.Seconds, events_per_second = r.EventsPerSecond, r.P50Ms, r.P90Ms, r.P99Ms, r.P999Ms, r.MaxMs,
                    r.PeakWorkingSetMb, r.PeakManagedHeapMb, r.AllocatedBytesPerEvent, r.Gen0Collections, r.Gen2Collections, r.RedisUsedMemoryMb,
                    r.WorkerCpuMicrosecondsPerEvent, r.RedisCpuMicrosecondsPerEvent,
                    allocations = r.Allocations.Select(a => new { a.Type, a.Share, a.BytesPerEvent }),
                });
                output.WriteLine(JsonSerializer.Serialize(rows, CliJson.Options));
                return 0;
            }

            output.WriteLine(Machine(endpoint ?? $"redis-server {server!.Endpoint} started by the harness", options));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"source alone (generate + serialise, 1 thread): {harness.SourceEventsPerSecond(TimeSpan.FromSeconds(2)):N0} events/s"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{options.Warmup.TotalSeconds} s warm-up + {options.Duration.TotalSeconds} s measured per scenario, at most {options.MaxEvents:N0} events each"));
            var results = harness.RunSuite(result => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{DateTime.Now:HH:mm:ss} {result.Scenario.Name}: {result.EventsPerSecond:N0} events/s, p99 {result.P99Ms:F2} ms")));
            output.WriteLine();
            output.WriteLine(PipelineReport.Markdown(results));
            output.WriteLine(PipelineReport.SuiteRatios(results));
            output.Write(PipelineReport.Allocations(results));
            output.WriteLine(Load("load after the run"));
            return 0;
        });
        Subcommands.Add(pipeline);

        var events = new Option<int>("--events") { Description = "Events sent through the broker", DefaultValueFactory = _ => 100_000 };
        var partitions = new Option<int>("--partitions") { Description = "Partitions per topic (the mock keeps about 5 MB per partition)", DefaultValueFactory = _ => 32 };
        var kafka = new Command("kafka", "The fused worker end to end through the in-process Kafka-protocol mock broker, beside the broker's own cost")
        {
            events, partitions,
        };
        kafka.SetAction(parse =>
        {
            var options = new PipelineHarnessOptions
            {
                Customers = parse.GetValue(customers),
                ZipfExponent = parse.GetValue(zipf),
                HiddenSize = parse.GetValue(hidden),
            };
            var endpoint = parse.GetValue(redis);
            using var server = endpoint is null ? LocalRedisServer.Start() : null;
            var r = new KafkaPipelineBenchmark(endpoint ?? server!.Endpoint, options).Run(parse.GetValue(events), parse.GetValue(partitions));
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    r.Events, r.Partitions, r.BrokerProduceSeconds, r.BrokerConsumeSeconds, r.EndToEndSeconds,
                    r.BrokerProducePerSecond, r.BrokerConsumePerSecond, r.BrokerRoundTripPerSecond, r.EndToEndPerSecond,
                    r.PacedEventsPerSecond, PacedP50Ms = r.PacedLatencyMs(50), PacedP99Ms = r.PacedLatencyMs(99), PacedMaxMs = r.PacedLatencyMs(100),
                    Codecs = r.Codecs.Select(c => new
                    {
                        Codec = c.Codec.ToString().ToLowerInvariant(), c.Seconds, c.EventsPerSecond, c.PayloadBytes, c.WireBytes, c.WireBytesPerEvent,
                        c.WireToPayload, c.ProducerCpuMicrosecondsPerEvent, c.ConsumeSeconds, c.ConsumerCpuMicrosecondsPerEvent,
                    }),
                }, CliJson.Options));
                return 0;
            }

            output.WriteLine(Machine(endpoint ?? $"redis-server {server!.Endpoint} started by the harness", options));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $$"""

                | {{r.Events:N0}} events, {{r.Partitions}} partitions, mock broker in process | events/s | seconds |
                | --- | ---: | ---: |
                | broker alone: produce | {{r.BrokerProducePerSecond:N0}} | {{r.BrokerProduceSeconds:F2}} |
                | broker alone: consume | {{r.BrokerConsumePerSecond:N0}} | {{r.BrokerConsumeSeconds:F2}} |
                | broker alone: produce + consume | {{r.BrokerRoundTripPerSecond:N0}} | {{r.BrokerProduceSeconds + r.BrokerConsumeSeconds:F2}} |
                | end to end: produce -> fused worker (Redis) -> clv-updates read | {{r.EndToEndPerSecond:N0}} | {{r.EndToEndSeconds:F2}} |

                | end to end, paced at {{r.PacedEventsPerSecond:N0}} events/s (half the rate above; consumers fetch with a 10 ms wait) | p50 ms | p99 ms | max ms |
                | --- | ---: | ---: | ---: |
                | event produced -> its update read from clv-updates | {{r.PacedLatencyMs(50):F2}} | {{r.PacedLatencyMs(99):F2}} | {{r.PacedLatencyMs(100):F1}} |

                The mock cluster is librdkafka's test broker inside this process, on the same cores: not a throughput reference for Kafka.
                """));
            output.WriteLine();
            output.WriteLine("| codec, same messages | produce events/s | produce CPU µs/event | consume CPU µs/event | wire bytes/event | wire / payload bytes |");
            output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var c in r.Codecs)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {c.Codec.ToString().ToLowerInvariant()} | {c.EventsPerSecond:N0} | {c.ProducerCpuMicrosecondsPerEvent:F2} | {c.ConsumerCpuMicrosecondsPerEvent:F2} | {c.WireBytesPerEvent:F1} | {c.WireToPayload:F3} |"));
            }

            output.WriteLine("Process CPU includes the in-process mock broker's share of each side.");
            output.WriteLine(Load("load after the run"));
            return 0;
        });
        Subcommands.Add(kafka);

        var eventCounts = new Option<int[]>("--events-per-customer") { Description = "Events each customer gets before measuring, one row each", DefaultValueFactory = _ => [1, 16, 64], AllowMultipleArgumentsPerToken = true };
        var sample = new Option<int>("--sample") { Description = "Customers measured per row", DefaultValueFactory = _ => 1000 };
        var dedupeHorizon = new Option<int>("--dedupe-horizon") { Description = "Workers:DedupeHorizon of the measured workers (0: the window)", DefaultValueFactory = _ => 0 };
        var memory = new Command("memory", "Redis bytes per customer (MEMORY USAGE over the customer's keys) after 1, 16 and 64 events")
        {
            eventCounts, sample, dedupeHorizon,
        };
        memory.SetAction(parse =>
        {
            var endpoint = parse.GetValue(redis);
            using var server = endpoint is null ? LocalRedisServer.Start() : null;
            using var connection = ConnectionMultiplexer.Connect($"{endpoint ?? server!.Endpoint},allowAdmin=true,syncTimeout=15000,asyncTimeout=15000");
            var measurement = new RedisMemoryMeasurement(connection, parse.GetValue(hidden),
                settings: [new("Workers:DedupeHorizon", parse.GetValue(dedupeHorizon).ToString(CultureInfo.InvariantCulture))]);
            var rows = parse.GetValue(eventCounts)!.Select(n => measurement.Measure(n, parse.GetValue(sample))).ToList();
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(rows, CliJson.Options));
                return 0;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Host()}\n{endpoint ?? $"redis-server {server!.Endpoint} started by the harness"}; {parse.GetValue(sample):N0} new customers per row, hidden {parse.GetValue(hidden)}, dedupe horizon {parse.GetValue(dedupeHorizon)} (0: the window)"));
            output.WriteLine();
            output.WriteLine(RedisMemoryReport.Markdown(rows));
            return 0;
        });
        Subcommands.Add(memory);
    }

    private static string Machine(string redis, PipelineHarnessOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"{Host()}\n{redis}; {options.Customers:N0} customers, Zipf s={options.ZipfExponent}, hidden {options.HiddenSize}");

    private static string Host() => string.Create(CultureInfo.InvariantCulture,
        $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Cpu()}, .NET {Environment.Version}; {Load("load")}");

    private static string Cpu()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (File.Exists(cpuinfo))
        {
            foreach (var line in File.ReadLines(cpuinfo))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':') + 1)..].Trim();
                }
            }
        }

        return "CPU model unknown";
    }

    private static string Load(string label)
    {
        const string loadavg = "/proc/loadavg";
        return File.Exists(loadavg) ? $"{label} average (1/5/15 min) {string.Join(' ', File.ReadAllText(loadavg).Split(' ')[..3])}" : $"{label} unknown";
    }
}
