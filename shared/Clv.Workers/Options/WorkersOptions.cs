namespace Clv.Workers.Options;

/// <summary>Every setting of the sequencer, scorer and alerts, bound from the configuration section <c>Workers</c>.</summary>
public sealed class WorkersOptions
{
    public const string Section = "Workers";

    /// <summary>Consumer group of the sequencer (reads <c>transactions</c>).</summary>
    public string SequencerGroupId { get; set; } = "clv-sequencer";

    /// <summary>Consumer group of the scorer (reads <c>transactions.sequenced</c>, or <c>transactions</c> when fused).</summary>
    public string ScorerGroupId { get; set; } = "clv-scorer";

    /// <summary>Host sequencer and scorer in one pipeline that reads <c>transactions</c> and skips <c>transactions.sequenced</c>.</summary>
    public bool Fused { get; set; }

    /// <summary>Events kept in each customer's rolling sequence (what a model swap replays).</summary>
    public int WindowSize { get; set; } = 64;

    /// <summary>
    /// How many of each customer's latest event ids are remembered to skip repeats: 0 (the default) = the window's
    /// <see cref="WindowSize"/> + 1 events, whose ids the window itself holds; a larger count keeps the 64-bit hashes of
    /// the ids that left the window (12 bytes each). An event id seen again within it is a duplicate, beyond it a new event.
    /// </summary>
    public int DedupeHorizon { get; set; }

    /// <summary>The event ids remembered per customer: <see cref="DedupeHorizon"/>, at least the stored window.</summary>
    public int EffectiveDedupeHorizon => Math.Max(DedupeHorizon, WindowSize + 1);

    /// <summary>
    /// Largest dead letter sent whole (key, value and headers); a larger one is recorded truncated (first bytes,
    /// size, SHA-256). Keep it at or below the producer's <c>message.max.bytes</c> and the topic's <c>max.message.bytes</c>.
    /// </summary>
    public int DeadLetterMaxBytes { get; set; } = 1_000_000;

    /// <summary>Weights file of the initial model; empty means the host must set one on <c>ActiveModel</c> itself.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Spend and churn horizon passed to the heads; 0 takes the one in the weights file.</summary>
    public int HorizonDays { get; set; }

    /// <summary>CLV horizon passed to the heads; 0 takes the one in the weights file.</summary>
    public int ClvHorizonDays { get; set; }

    public TopicOptions Topics { get; set; } = new();

    public BatchOptions Batch { get; set; } = new();

    public RetryOptions Retry { get; set; } = new();

    public ChurnAlertOptions Alerts { get; set; } = new();

    public RecencyOptions Recency { get; set; } = new();
}
