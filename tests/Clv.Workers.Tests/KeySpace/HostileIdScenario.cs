using Clv.Contracts.Json;
using Clv.Contracts.Transactions;
using Clv.Contracts.Validation;
using Clv.Workers.Faults;
using Clv.ModelLifecycle;
using Clv.Workers.Options;
using Clv.Workers.Sequencing;
using Confluent.Kafka;
using StackExchange.Redis;

namespace Clv.Workers.Tests.KeySpace;

/// <summary>
/// Sequences one event for each hostile customer id through the real <see cref="Sequencer"/> (the Lua script that
/// touches several keys of a customer at once) and runs the model store beside them. Each id ends with a
/// per-run suffix, so runs sharing a server keep apart while the id stays hostile.
/// </summary>
public sealed class HostileIdScenario(IConnectionMultiplexer redis)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    /// <summary>The model store's prefix: what the id "models" collided with, made unique to this run.</summary>
    public string StorePrefix => $"clv:{{models-{_run}}}";

    public IReadOnlyList<string> Ids => [.. HostileIds.Named.Where(id => !id.Contains('\n')).Select(id => $"{id}-{_run}")];

    public async Task<IReadOnlyList<AppliedEvent>> SequenceAsync()
    {
        var sequencer = new Sequencer(redis, new TransactionParser(), Microsoft.Extensions.Options.Options.Create(new WorkersOptions()), NoFaults.Instance, TimeProvider.System);
        var batch = Ids.Select((id, i) => Message(id, i)).ToList();
        var result = new SequencerBatch();
        await sequencer.ApplyAsync(batch, result);
        Assert.Empty(result.Rejected);
        return result.Applied;
    }

    public async Task<string> SaveAndActivateModelAsync()
    {
        var store = new ModelStore(redis, new ModelStoreOptions { KeyPrefix = StorePrefix });
        var version = await store.ReserveVersionAsync();
        await store.SaveAsync(version, Clv.Model.Persistence.WeightsFile.ToBytes(TestModels.Create(version: version)), new Dictionary<string, double>(), ModelDecision.Candidate, "test");
        await store.ActivateAsync(version, "test");
        return (await store.GetActiveVersionAsync())!;
    }

    private static ConsumeResult<string, byte[]> Message(string customerId, int offset) => new()
    {
        Topic = "transactions",
        Partition = 0,
        Offset = offset,
        Message = new Message<string, byte[]>
        {
            Key = customerId,
            Value = ClvJson.Serialize(new TransactionEvent($"{customerId}-e1", customerId, TestEvents.Start, 12.5, "USD", TransactionKind.Purchase)),
        },
    };
}
