namespace Clv.Development.LoadHarness;

/// <summary>
/// One harness run: the deployment, the worker threads (per stage), the micro-batch size (1 = one Redis round
/// trip per event and stage step) and the offered rate (null = as fast as the workers go).
/// </summary>
public sealed record PipelineScenario(string Name, Topology Topology, int Threads, int BatchSize, double? EventsPerSecond = null);
