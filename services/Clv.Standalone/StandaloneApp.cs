using Clv.Training.Lifecycle;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Clv.Api;
using Clv.Api.Dashboard;
using Clv.Contracts.ModelLifecycle;
using Clv.Contracts.Files;
using Clv.Contracts.Transactions;
using Clv.Hosting;
using Clv.Hosting.Kafka;
using Clv.Hosting.Settings;
using Clv.Workers;
using Clv.ModelLifecycle;
using Clv.Workers.Options;
using Clv.Standalone.Monitoring;
using Clv.Standalone.Views;
using Clv.Hosting.Redis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Clv.Standalone;

/// <summary>
/// One standalone run: start (or connect to) the infrastructure, train the initial model, host every
/// component, replay the data, and show the pipeline until Ctrl+C or, with --until-drained, until every
/// replayed event is scored.
/// </summary>
public static class StandaloneApp
{
    /// <summary>The shell's convention for a run ended by SIGINT.</summary>
    public const int ExitInterrupted = 130;

    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(200);

    public static async Task<int> RunAsync(StandaloneOptions options, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var interactive = !Console.IsOutputRedirected;
        using var infrastructure = await StandaloneInfrastructure.StartAsync(options);
        Console.WriteLine($"[{clock.Elapsed.TotalSeconds:F1} s] infrastructure up: {infrastructure.Description}");
        var data = TransactionFileReader.Load(options.DataFile, validation: ValidationBounds.FromEnvironment());
        Console.WriteLine($"[{clock.Elapsed.TotalSeconds:F1} s] {options.DataFile}: {data.Events.Count:N0} events, {data.MalformedRows.Count} malformed rows skipped");

        var apiPort = options.ApiPort ?? FreeLoopbackPort();
        using var host = BuildHost(options, infrastructure, data.Events, interactive, apiPort);
        // Printed before the live view takes the terminal.
        Console.WriteLine($"[{clock.Elapsed.TotalSeconds:F1} s] dashboard: http://127.0.0.1:{apiPort}/  API: http://127.0.0.1:{apiPort}/v1  OpenAPI: http://127.0.0.1:{apiPort}/openapi/v1.json");
        await host.StartAsync(cancellation);
        var monitor = host.Services.GetRequiredService<PipelineMonitor>();
        var exitCode = 0;
        try
        {
            await TrainInitialModelAsync(host.Services.GetRequiredService<TrainerService>(), options, cancellation);
            if (options.UntilDrained)
            {
                while (!monitor.Drained)
                {
                    await Task.Delay(DrainPoll, cancellation);
                }
                await WriteSummaryAsync(options.SummaryFile!, monitor.Snapshot(), host.Services, clock.Elapsed);
            }
            else
            {
                await Task.Delay(Timeout.Infinite, cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopped by Ctrl+C: the normal end of a live run, but an --until-drained run that did not drain failed.
            exitCode = options.UntilDrained ? ExitInterrupted : 0;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
        return exitCode;
    }

    /// <summary>
    /// The project's trainer fits the first model on the data about to be replayed, stores it and publishes
    /// ModelPublished on the bus; the scorer activates it from there, as every replica would. The replay
    /// waits for that activation.
    /// </summary>
    private static async Task TrainInitialModelAsync(TrainerService trainer, StandaloneOptions options, CancellationToken cancellation)
    {
        var outcome = await trainer.RetrainAsync(
            new RetrainRequested("clv-standalone", options.DataFile, CalibrationEnd: null, DateTimeOffset.UtcNow), cancellation);
        if (!outcome.Decision.Promote)
        {
            throw new InvalidOperationException($"The initial model {outcome.Version} was not promoted: {outcome.Decision.Reason}");
        }
    }

    private static WebApplication BuildHost(StandaloneOptions options, StandaloneInfrastructure infrastructure, IReadOnlyList<TransactionEvent> events, bool interactive, int apiPort)
    {
        // The API listens on loopback only: authentication is off in the standalone.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Clv.Standalone" });
        builder.WebHost.UseUrls(options.HealthPort is { } healthPort
            ? [$"http://127.0.0.1:{apiPort}", $"http://0.0.0.0:{healthPort}"]
            : [$"http://127.0.0.1:{apiPort}"]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = infrastructure.KafkaBootstrapServers,
            ["Redis:ConnectionString"] = infrastructure.RedisConnectionString,
            ["RabbitMq:Uri"] = infrastructure.RabbitMqUri?.ToString(),
            // The trainer's source is the replayed file; few epochs keep the first update within seconds of start.
            ["Trainer:Source"] = options.DataFile,
            ["Trainer:MaxEpochs"] = options.InitialTrainingEpochs.ToString(CultureInfo.InvariantCulture),
        });
        var recentLog = new RecentLog();
        ConfigureLogging(builder.Logging, interactive ? recentLog : null);
        builder.AddClvDefaults();

        var services = builder.Services;
        // The model first: its start-up activation must finish before the scorer's consume loop starts.
        services.AddModelActivation(builder.Configuration);
        services.AddTrainer(builder.Configuration);
        services.AddClvBus(builder.Configuration, bus =>
        {
            bus.AddModelActivation(builder.Configuration.ReplicaId());
            bus.AddTrainer(builder.Configuration.ReplicaId());
        });
        builder.AddSequencerWorker();
        builder.AddScorerWorker();
        builder.AddClvApi();

        services.AddSingleton(new ReplayProgress());
        services.AddSingleton<DuplicateCount>();
        services.AddSingleton(provider =>
        {
            var workers = provider.GetRequiredService<IOptions<WorkersOptions>>().Value;
            return new ConsumerLagProbe(new KafkaOptions { BootstrapServers = infrastructure.KafkaBootstrapServers },
                [(workers.SequencerGroupId, workers.Topics.Transactions), (workers.ScorerGroupId, workers.Topics.Sequenced)]);
        });
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<PipelineMonitor>(provider, infrastructure.KafkaBootstrapServers));
        services.AddHostedService(provider => provider.GetRequiredService<PipelineMonitor>());
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<ReplayService>(provider, events, options.Speed));
        if (interactive)
        {
            services.AddHostedService(provider => ActivatorUtilities.CreateInstance<LiveConsoleView>(provider, infrastructure, recentLog));
        }
        else
        {
            services.AddHostedService(provider => ActivatorUtilities.CreateInstance<PlainConsoleView>(provider, Console.Out));
        }

        var app = builder.Build();
        app.MapClvHealth();
        app.MapClvApi();
        return app;
    }

    // The live view owns the terminal, so its log goes to RecentLog; plain output keeps console lines.
    // Both show the project's own information (training epochs, activations) and everyone's warnings.
    private static void ConfigureLogging(ILoggingBuilder logging, RecentLog? recentLog)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Information);
        if (recentLog is not null)
        {
            logging.AddProvider(recentLog);
            return;
        }
        logging.AddSimpleConsole(console => console.SingleLine = true);
        logging.AddFilter<ConsoleLoggerProvider>((category, level) =>
            level >= LogLevel.Warning || category?.StartsWith("Clv.", StringComparison.Ordinal) == true);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WriteSummaryAsync(string path, PipelineSnapshot snapshot, IServiceProvider services, TimeSpan elapsed)
    {
        var summary = new StandaloneSummary(
            snapshot.EventsReplayed,
            snapshot.UpdatesOut,
            snapshot.DeadLettered,
            services.GetRequiredService<DuplicateCount>().Value,
            await CountCustomersWithStateAsync(services.GetRequiredService<IConnectionMultiplexer>()),
            snapshot.Alerts,
            Math.Round(elapsed.TotalSeconds, 1),
            snapshot.ModelVersion);
        await summary.WriteAsync(path);
    }

    private static async Task<long> CountCustomersWithStateAsync(IConnectionMultiplexer redis)
    {
        long customers = 0;
        var pattern = RedisKeys.CustomerPattern("state");
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }
            await foreach (var _ in server.KeysAsync(pattern: pattern, pageSize: 1000))
            {
                customers++;
            }
        }
        return customers;
    }
}
