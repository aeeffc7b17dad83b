namespace Clv.Development.LoadHarness;

/// <summary>Settings of a harness run; every run is bounded by <see cref="Duration"/> and <see cref="MaxEvents"/>.</summary>
public sealed record PipelineHarnessOptions
{
    public int Customers { get; init; } = 100_000;

    public double ZipfExponent { get; init; } = 1.0;

    public int HiddenSize { get; init; } = 32;

    /// <summary>Measured time per scenario (after <see cref="Warmup"/>).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Events taken before measuring starts (JIT, connection, first states).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound of events per scenario, warm-up included.</summary>
    public long MaxEvents { get; init; } = 5_000_000;

    public int Seed { get; init; } = 1;

    /// <summary>Sample what each scenario allocates, by type (<see cref="AllocationSampler"/>).</summary>
    public bool SampleAllocations { get; init; }
}
