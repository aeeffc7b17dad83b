namespace Clv.EndToEnd.Tests;

/// <summary>The standalone host, in process on embedded infrastructure, replays a CDNOW slice until every event is scored.</summary>
[Collection(nameof(InProcessPipelineCollection))]
public sealed class StandaloneDrainTests
{
    [Fact]
    public async Task UntilDrained_ScoresEveryEventOfTheSlice_AndKeepsStateForEveryCustomer()
    {
        using var slice = CdnowSlice.FirstCustomers(400);
        var summary = await StandaloneRun.UntilDrainedAsync(slice.Path);

        Assert.Equal(slice.Rows, summary.EventsIn);
        Assert.Equal(0, summary.DeadLettered);
        Assert.True(summary.UpdatesOut >= summary.EventsIn, $"{summary.UpdatesOut} updates for {summary.EventsIn} events");
        Assert.Equal(slice.Customers, summary.CustomersWithState);
        Assert.False(string.IsNullOrEmpty(summary.ModelVersion), "the summary names no model version");
    }
}
