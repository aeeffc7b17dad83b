using System.CommandLine;
using Microsoft.Extensions.Options;

namespace Clv.Standalone;

/// <summary>The command line of <c>Clv.Standalone</c>: every option maps onto <see cref="StandaloneOptions"/>.</summary>
public static class StandaloneCommand
{
    /// <summary>The shipped CDNOW master file, copied beside the executable at build time.</summary>
    public static string DefaultDataFile => Path.Combine(AppContext.BaseDirectory, "data", "CDNOW_master.txt");

    public static RootCommand Create(Func<StandaloneOptions, CancellationToken, Task<int>> run)
    {
        var data = new Option<FileInfo>("--data")
        {
            Description = "Transactions to replay: CDNOW text format or CSV with customer_id,date,amount",
            DefaultValueFactory = _ => new FileInfo(DefaultDataFile),
        };
        var speed = new Option<double>("--speed")
        {
            Description = "Event-time seconds replayed per wall-clock second; 0 = as fast as possible",
            DefaultValueFactory = _ => 0,
        };
        var kafka = new Option<string?>("--kafka") { Description = "Bootstrap servers of an external Kafka instead of the embedded mock cluster" };
        var redis = new Option<string?>("--redis") { Description = "StackExchange.Redis configuration of an external Redis instead of embedded Garnet" };
        var rabbitMq = new Option<Uri?>("--rabbitmq") { Description = "amqp:// URI of an external RabbitMQ instead of the in-memory bus" };
        var untilDrained = new Option<bool>("--until-drained") { Description = "Replay once, wait until every event is scored, write the summary and exit" };
        var summary = new Option<FileInfo?>("--summary") { Description = "Where --until-drained writes its JSON summary" };
        var healthPort = new Option<int?>("--health-port") { Description = "Serve /health/live and /health/ready on this port" };
        var apiPort = new Option<int?>("--api-port") { Description = "Serve the API and the dashboard on this loopback port (default: a free port, printed at start)" };
        var partitions = new Option<int>("--partitions")
        {
            Description = "Partitions per embedded topic",
            DefaultValueFactory = _ => 16,
        };
        var epochs = new Option<int>("--epochs")
        {
            Description = "Training epochs of the initial model",
            DefaultValueFactory = _ => 3,
        };

        var command = new RootCommand("Every Clv.Streaming component in one process on embedded infrastructure: replays transactions and shows live scores")
        {
            data, speed, kafka, redis, rabbitMq, untilDrained, summary, healthPort, apiPort, partitions, epochs,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(untilDrained) && result.GetValue(summary) is null)
            {
                result.AddError("--until-drained needs --summary FILE");
            }
            if (result.GetValue(apiPort) is < 1 or > 65535)
            {
                result.AddError("--api-port must be a port number (1-65535)");
            }
            if (result.GetValue(speed) < 0)
            {
                result.AddError("--speed must be 0 or positive");
            }
        });
        command.SetAction(async (result, cancellation) =>
        {
            try
            {
                return await run(new StandaloneOptions
                {
                    DataFile = result.GetValue(data)!.FullName,
                    Speed = result.GetValue(speed),
                    KafkaBootstrapServers = result.GetValue(kafka),
                    RedisConnectionString = result.GetValue(redis),
                    RabbitMqUri = result.GetValue(rabbitMq),
                    UntilDrained = result.GetValue(untilDrained),
                    SummaryFile = result.GetValue(summary)?.FullName,
                    HealthPort = result.GetValue(healthPort),
                    ApiPort = result.GetValue(apiPort),
                    Partitions = result.GetValue(partitions),
                    InitialTrainingEpochs = result.GetValue(epochs),
                }, cancellation);
            }
            catch (OptionsValidationException error)
            {
                // A setting that cannot work: say which setting and why, without a stack trace.
                Console.Error.WriteLine($"invalid settings: {string.Join("; ", error.Failures)}");
                return ExitInvalidSettings;
            }
        });
        return command;
    }

    /// <summary>The exit code of a run refused for a setting that cannot work.</summary>
    public const int ExitInvalidSettings = 2;
}
