using Clv.Workers.Sequencing;
using StackExchange.Redis;

namespace Clv.Workers.State;

/// <summary>One customer's state while a batch (or a sweep) works on it; rented from a <see cref="CustomerSlotPool"/>.</summary>
public sealed class CustomerSlot(ScoringState state)
{
    private static readonly Task<RedisValue> NothingLoaded = Task.FromResult(RedisValue.Null);
    private static readonly Task<CustomerWindow?> NoWindow = Task.FromResult<CustomerWindow?>(null);

    public ScoringState State { get; } = state;

    /// <summary>A state was stored in Redis.</summary>
    public bool Found { get; set; }

    /// <summary>The LSTM state belongs to the active model (else it must be rebuilt before a step).</summary>
    public bool IsCurrent { get; set; }

    /// <summary>The first event of the batch that is not applied yet has been looked at.</summary>
    public bool Checked { get; set; }

    /// <summary>Rebuild from the rolling-sequence entries with seq_no below this (0: no rebuild).</summary>
    public long RebuildBefore { get; set; }

    /// <summary>The state changed: write it and file it in the recency index.</summary>
    public bool Dirty { get; set; }

    /// <summary>The score to store with the state (set whenever the slot is scored).</summary>
    public ReadableScore? Score { get; set; }

    public Task<RedisValue> Load { get; set; } = NothingLoaded;

    public Task<CustomerWindow?> Window { get; set; } = NoWindow;

    public void Reset(string customerId)
    {
        State.Reset(customerId);
        Found = false;
        IsCurrent = false;
        Checked = false;
        RebuildBefore = 0;
        Dirty = false;
        Score = null;
        Load = NothingLoaded;
        Window = NoWindow;
    }
}
