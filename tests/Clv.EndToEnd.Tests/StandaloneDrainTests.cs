using Clv.Standalone;

namespace Clv.EndToEnd.Tests;

/// <summary>The standalone host, in process on embedded infrastructure, replays a CDNOW slice until every event is scored.</summary>
[Collection(nameof(InProcessPipelineCollection))]
public sealed class StandaloneDrainTests
{
    [Fact]
    public async Task UntilDrained_ScoresEveryEventOfTheSlice_AndKeepsStateForEveryCustomer()
    {
        using var slice = CdnowSlice.FirstCustomers(400);
        var summaryFile = Path.Combine(Path.GetTempPath(), $"standalone-summary-{Guid.NewGuid():N}.json");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        // Off xunit's synchronization context (two threads), as the executable runs: on the thread pool.
        var exitCode = await Task.Run(() => StandaloneApp.RunAsync(new StandaloneOptions
        {
            DataFile = slice.Path,
            UntilDrained = true,
            SummaryFile = summaryFile,
            Partitions = 4,
            InitialTrainingEpochs = 2,
        }, timeout.Token));

        Assert.False(timeout.IsCancellationRequested, "the run did not drain within its time limit");
        Assert.Equal(0, exitCode);
        var summary = await StandaloneSummary.ReadAsync(summaryFile);
        File.Delete(summaryFile);
        Assert.Equal(slice.Rows, summary.EventsIn);
        Assert.Equal(0, summary.DeadLettered);
        Assert.True(summary.UpdatesOut >= summary.EventsIn, $"{summary.UpdatesOut} updates for {summary.EventsIn} events");
        Assert.Equal(slice.Customers, summary.CustomersWithState);
        Assert.False(string.IsNullOrEmpty(summary.ModelVersion), "the summary names no model version");
    }
}
