namespace Clv.Workers.Options;

/// <summary>Micro-batching of the consume loops: a batch closes at MaxSize messages or MaxDelayMs after its first one.</summary>
public sealed class BatchOptions
{
    public int MaxSize { get; set; } = 500;

    public int MaxDelayMs { get; set; } = 5;
}
