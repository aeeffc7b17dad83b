namespace Clv.FaultInjection.Tests;

/// <summary>A pipeline of separate processes in the middle of a replay, for a fault to act on.</summary>
public sealed record RunningPipeline(PipelineProcesses Stack, ServiceProcess Sequencer, IReadOnlyList<ServiceProcess> Scorers, UpdateLog Updates, int Events)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Waits until this fraction of the events has its update out: the point "mid-replay" where a fault strikes.</summary>
    public Task ReachedAsync(double fraction) =>
        Updates.ReadUntilAsync((int)(fraction * Events), Timeout, Stack.Output);

    /// <summary>SIGKILL, then the same service started again, as an orchestrator restarts a crashed pod.</summary>
    public static void KillAndRestart(ServiceProcess service)
    {
        service.Kill();
        service.Start();
    }
}
