using Clv.Workers.Positions;
using StackExchange.Redis;

namespace Clv.Workers.Redis;

/// <summary>Every Lua script the workers call, loaded in one place so a new script cannot be missed at start-up.</summary>
public static class WorkerScripts
{
    public static async Task LoadAllAsync(IConnectionMultiplexer redis)
    {
        await SequenceScript.Script.LoadAsync(redis).ConfigureAwait(false);
        await StateScript.Script.LoadAsync(redis).ConfigureAwait(false);
        await PartitionPositions.AdvanceScript.LoadAsync(redis).ConfigureAwait(false);
    }
}
