namespace Clv.Standalone;

/// <summary>What one run of the standalone host does; null addresses mean "start the embedded one".</summary>
public sealed record StandaloneOptions
{
    /// <summary>Transactions to replay (CDNOW text format or the canonical CSV).</summary>
    public required string DataFile { get; init; }

    /// <summary>Replay speed factor over event time; 0 replays as fast as the pipeline takes it.</summary>
    public double Speed { get; init; }

    public string? KafkaBootstrapServers { get; init; }

    public string? RedisConnectionString { get; init; }

    public Uri? RabbitMqUri { get; init; }

    /// <summary>Replay once, wait until every event is scored, write <see cref="SummaryFile"/> and exit.</summary>
    public bool UntilDrained { get; init; }

    public string? SummaryFile { get; init; }

    /// <summary>Port of the liveness/readiness endpoints; null serves none.</summary>
    public int? HealthPort { get; init; }

    /// <summary>Loopback port of the serving API and the dashboard; null takes a free one.</summary>
    public int? ApiPort { get; init; }

    /// <summary>Partitions of every embedded topic: enough that no mock partition reaches its ~5 MB retention.</summary>
    public int Partitions { get; init; } = 16;

    /// <summary>Training epochs of the initial model; few, so the first update shows within seconds.</summary>
    public int InitialTrainingEpochs { get; init; } = 3;
}
