using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Clv.Cli.Replay;
using Clv.Development.Replay;
using Clv.Contracts;
using Clv.Contracts.Files;
using Clv.Hosting.Kafka;
using Clv.Hosting.Settings;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Clv.Cli;

/// <summary>
/// <c>clv replay --file F</c>: publishes a transactions file to Kafka in event-time order. Malformed rows are
/// printed with their line number and counted; exit code 0 when every valid row was acknowledged, 1 when
/// some were not, 2 when the file cannot be read or Kafka cannot be reached.
/// </summary>
public sealed class ReplayCommand : Command
{
    private readonly Option<FileInfo> _file = new("--file", "-f")
    {
        Description = "Transactions file: canonical CSV (customer_id,date,amount[,...]) or CDNOW text",
        Required = true,
    };

    private readonly Option<string> _format = FileFormatOption.Create();

    private readonly Option<double> _speed = new("--speed")
    {
        Description = "Seconds of event time per second of wall time (86400 = one day per second); 0 = as fast as possible",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<string> _topic = new("--topic")
    {
        Description = "Kafka topic",
        DefaultValueFactory = _ => Topics.Transactions,
    };

    private readonly Option<string?> _bootstrapServers = new("--bootstrap-servers")
    {
        Description = "Kafka bootstrap servers (default: Kafka__BootstrapServers, else localhost:9092); " +
            "security settings come from the Kafka__* environment variables",
    };

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print the closing summary (and the malformed rows) as JSON, without progress lines",
    };

    private static readonly TimeSpan ReachTimeout = TimeSpan.FromSeconds(10);

    private readonly IAnsiConsole _console;

    public ReplayCommand(IAnsiConsole? console = null)
        : base("replay", "Publish a transactions file to Kafka in event-time order")
    {
        _console = console ?? CliConsole.Create();
        _file.AcceptExistingOnly();
        _speed.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var speed && !(speed >= 0 && double.IsFinite(speed)))
            {
                result.AddError("--speed must be a finite number, 0 or more");
            }
        });
        Options.Add(_file);
        Options.Add(_format);
        Options.Add(_speed);
        Options.Add(_topic);
        Options.Add(_bootstrapServers);
        Options.Add(_json);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var path = parse.GetValue(_file)!.FullName;
        TransactionFile file;
        try
        {
            // The sequencer's bounds (Validation__* variables), so replay never publishes what the sequencer dead-letters.
            file = TransactionFileReader.Load(path, FileFormatOption.ValueOf(parse, _format), ValidationBounds.FromEnvironment());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            _console.MarkupLineInterpolated($"[red]cannot read {path}:[/] {e.Message}");
            return 2;
        }

        var json = parse.GetValue(_json);
        if (!json)
        {
            foreach (var row in file.MalformedRows)
            {
                _console.MarkupLineInterpolated($"[yellow]malformed[/] line {row.LineNumber}: {row.Error}");
            }
        }

        var kafkaOptions = ReadKafkaOptions(parse);
        if (!CanReach(kafkaOptions, out var unreachable))
        {
            _console.MarkupLineInterpolated($"[red]cannot reach Kafka at {kafkaOptions.BootstrapServers}:[/] {unreachable}");
            return 2;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning));
        using var producer = new KafkaClientFactory(Microsoft.Extensions.Options.Options.Create(kafkaOptions), loggerFactory).CreateProducer("clv-replay");
        var replayer = new TransactionReplayer(producer, parse.GetValue(_topic)!, parse.GetValue(_speed));
        var result = json
            ? await replayer.PublishAsync(file.Events, _ => { }, cancellationToken)
            : await ShowProgressAsync(file.Events.Count, onProgress => replayer.PublishAsync(file.Events, onProgress, cancellationToken));

        var summary = new ReplaySummary(file.RowsRead, file.MalformedRows.Count, result, stopwatch.Elapsed);
        if (json)
        {
            _console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new
            {
                summary.RowsRead, result.Published, summary.Malformed, result.Failed, result.Cancelled, summary.Complete,
                ElapsedSeconds = summary.Elapsed.TotalSeconds, summary.EventsPerSecond, result.FirstError,
                MalformedRows = file.MalformedRows.Select(row => new { Line = row.LineNumber, row.Error }),
            }, CliJson.Options));
            return summary.Complete ? 0 : 1;
        }

        _console.WriteLine(summary.ToString());
        if (result.FirstError is not null)
        {
            _console.MarkupLineInterpolated($"[red]first delivery error:[/] {result.FirstError}");
        }

        return summary.Complete ? 0 : 1;
    }

    private KafkaOptions ReadKafkaOptions(ParseResult parse)
    {
        var options = new KafkaOptions();
        new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection(KafkaOptions.Section).Bind(options);
        if (parse.GetValue(_bootstrapServers) is { Length: > 0 } servers)
        {
            options.BootstrapServers = servers;
        }

        return options;
    }

    /// <summary>Asks the cluster for its brokers, so an unreachable cluster fails in seconds, not at the producer's 5-minute delivery timeout.</summary>
    private static bool CanReach(KafkaOptions options, out string error)
    {
        var config = new AdminClientConfig();
        options.ApplyTo(config);
        using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        try
        {
            admin.GetMetadata(ReachTimeout);
            error = "";
            return true;
        }
        catch (KafkaException e)
        {
            error = e.Error.Reason;
            return false;
        }
    }

    /// <summary>A progress bar on a terminal; a line per tenth of the file when the output is redirected.</summary>
    private async Task<PublishResult> ShowProgressAsync(int total, Func<Action<long>, Task<PublishResult>> publish)
    {
        if (_console.Profile.Capabilities.Interactive)
        {
            return await _console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("publishing", maxValue: Math.Max(total, 1));
                    return await publish(published => task.Value = published);
                });
        }

        var reportedTenths = 0L;
        return await publish(published =>
        {
            var tenths = total == 0 ? 10 : published * 10 / total;
            if (tenths > reportedTenths)
            {
                reportedTenths = tenths;
                _console.WriteLine($"published {published:N0} of {total:N0}");
            }
        });
    }
}
