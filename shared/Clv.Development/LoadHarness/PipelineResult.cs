namespace Clv.Development.LoadHarness;

/// <summary>
/// What one scenario measured. Latency runs from an event's arrival (its intended time when the rate is paced,
/// the moment the worker took it otherwise) to the end of the scorer batch that published its update.
/// CPU per event (this process, and redis-server from its INFO) is over the whole scenario, warm-up included,
/// divided by the events taken: on a machine of N cores, N seconds / their sum bounds the sustainable rate.
/// <see cref="Allocations"/> is empty unless the run sampled them.
/// </summary>
public sealed record PipelineResult(
    PipelineScenario Scenario,
    long Events,
    double Seconds,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double PeakWorkingSetMb,
    double PeakManagedHeapMb,
    double AllocatedBytesPerEvent,
    int Gen0Collections,
    int Gen2Collections,
    double RedisUsedMemoryMb,
    double WorkerCpuMicrosecondsPerEvent,
    double RedisCpuMicrosecondsPerEvent,
    IReadOnlyList<AllocationShare> Allocations)
{
    public double EventsPerSecond => Seconds > 0 ? Events / Seconds : 0;
}
