using Clv.Standalone;

namespace Clv.EndToEnd.Tests;

/// <summary>Runs the standalone host in process on embedded infrastructure with --until-drained, and returns its summary.</summary>
public static class StandaloneRun
{
    public static async Task<StandaloneSummary> UntilDrainedAsync(string dataFile)
    {
        var summaryFile = Path.Combine(Path.GetTempPath(), $"standalone-summary-{Guid.NewGuid():N}.json");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        // Off xunit's synchronization context (two threads), as the executable runs: on the thread pool.
        var exitCode = await Task.Run(() => StandaloneApp.RunAsync(new StandaloneOptions
        {
            DataFile = dataFile,
            UntilDrained = true,
            SummaryFile = summaryFile,
            Partitions = 4,
            InitialTrainingEpochs = 2,
        }, timeout.Token));

        Assert.False(timeout.IsCancellationRequested, "the run did not drain within its time limit");
        Assert.Equal(0, exitCode);
        var summary = await StandaloneSummary.ReadAsync(summaryFile);
        File.Delete(summaryFile);
        return summary;
    }
}
