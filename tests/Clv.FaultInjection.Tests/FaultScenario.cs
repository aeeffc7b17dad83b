using Clv.Contracts.Files;
using Clv.Contracts.Transactions;
using Clv.Workers.Tests;

namespace Clv.FaultInjection.Tests;

/// <summary>
/// Replays a transaction file through the sequencer and scorer processes while a fault strikes, then checks the
/// outcome against an oracle computed from the file alone (and the model): every customer's stored sequence and
/// state equal one clean application of its history, and the distinct event updates number exactly the events,
/// each equal to the offline prediction, repeats identical.
/// </summary>
public static class FaultScenario
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The file's events in event-time order (stable, so each customer's order is the file's), as <c>clv replay</c> publishes them.</summary>
    public static IReadOnlyList<TransactionEvent> Input(string relativePath) =>
        [.. TransactionFileReader.Load(Path.Combine(BuiltProgram.RepositoryRoot, relativePath)).Events.OrderBy(e => e.OccurredAt)];

    public static async Task RunAsync(Uri rabbitMq, byte[] weights, IReadOnlyList<TransactionEvent> events, Func<RunningPipeline, Task> fault, int partitions = 8, int scorers = 1)
    {
        await using var stack = await PipelineProcesses.StartAsync(rabbitMq, partitions);
        var model = await stack.InstallModelAsync(weights);
        var sequencer = stack.Start("services/Clv.Sequencer");
        var scorerProcesses = Enumerable.Range(0, scorers)
            .Select(i => stack.Start("services/Clv.Scorer", new Dictionary<string, string> { ["ModelActivation__ReplicaId"] = $"scorer-{i}" }))
            .ToList();
        foreach (var service in scorerProcesses.Prepend(sequencer))
        {
            await service.WaitUntilReadyAsync(Timeout);
        }

        using var updates = stack.Updates();
        stack.Produce(events);
        await fault(new RunningPipeline(stack, sequencer, scorerProcesses, updates, events.Count));

        await updates.ReadUntilAsync(events.Count, Timeout, stack.Output);
        var histories = TestEvents.ByCustomer(events);
        var difference = await StoredStates.SettledDifferenceAsync(stack.Connection, model, histories, Timeout);
        await updates.DrainAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(events.Count, updates.DistinctEvents);
        Expect.NoDifference(difference is null ? null : $"{difference}{Environment.NewLine}{stack.Output()}");
        Expect.NoDifference(ScoreOracle.FirstMismatch(model, histories, updates.All));
    }
}
