using Clv.Contracts.Files;
using Clv.Contracts.Scores;
using Clv.Contracts.Transactions;
using Clv.Hosting.Redis;
using Clv.Workers.Sequencing;
using Clv.Workers.Options;
using Clv.Workers.Tests;
using StackExchange.Redis;

namespace Clv.FaultInjection.Tests;

/// <summary>
/// Replays a transaction file through the sequencer and scorer processes while a fault strikes, then checks the
/// outcome against an oracle computed from the file alone (and the model): every customer has exactly one update
/// per event (seq_nos 1..n) and stores n as its last seq_no; for customers whose history fits the window (64
/// events), the stored sequence and state equal one clean application of the history and each update equals the
/// scalar reference's prediction, repeats identical.
/// </summary>
public static class FaultScenario
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The processes run with the default <c>Workers:WindowSize</c>.</summary>
    private static readonly int WindowSize = new WorkersOptions().WindowSize;

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
        // The scalar reference defines scores and states for histories within the window; a longer history's state
        // depends on where the scorer last rebuilt it (from the last W events). Those customers are checked by count.
        var inWindow = histories.Where(h => h.Value.Count <= WindowSize).ToDictionary();
        var difference = await StoredStates.SettledDifferenceAsync(stack.Connection, model, inWindow, Timeout);
        await updates.DrainAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(events.Count, updates.DistinctEvents);
        Expect.NoDifference(difference is null ? null : $"{difference}{Environment.NewLine}{stack.Output()}");
        Expect.NoDifference(await FirstCountDifferenceAsync(stack.Connection.GetDatabase(), histories, updates.All));
        Expect.NoDifference(ScoreOracle.FirstMismatch(model, inWindow, [.. updates.All.Where(u => inWindow.ContainsKey(u.CustomerId))]));
    }

    /// <summary>Every customer, within the window or not: seq_nos 1..n given and published once each for its n events, n stored as its last seq_no.</summary>
    private static async Task<string?> FirstCountDifferenceAsync(IDatabase db, Dictionary<string, List<TransactionEvent>> histories, List<ClvUpdate> updates)
    {
        var published = updates.Where(u => u.Cause == ScoreCause.Event).GroupBy(u => u.CustomerId).ToDictionary(g => g.Key, g => g.Select(u => u.SeqNo).Distinct().Order().ToList());
        foreach (var (customer, history) in histories)
        {
            var seqNos = published.GetValueOrDefault(customer) ?? [];
            if (!seqNos.SequenceEqual(Enumerable.Range(1, history.Count).Select(i => (long)i)))
            {
                return $"{customer}: {history.Count} events, updates for seq_nos {string.Join(',', seqNos)}";
            }

            var stored = (await CustomerWindowStore.ReadAsync(db, customer))?.LastSeqNo;
            if (stored != history.Count)
            {
                return $"{customer}: {history.Count} events, stored seq {stored}";
            }
        }

        return published.Keys.FirstOrDefault(customer => !histories.ContainsKey(customer)) is { } unknown ? $"updates for {unknown}, who has no event" : null;
    }
}
