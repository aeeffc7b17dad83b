using Clv.Contracts.Validation;
using Confluent.Kafka;

namespace Clv.Workers.Sequencing;

/// <summary>What the sequencer made of one consumed batch: the applied events in order, and the rejected messages.</summary>
public sealed class SequencerBatch
{
    public List<AppliedEvent> Applied { get; } = [];

    public List<(ConsumeResult<string, byte[]> Message, Rejection Rejection)> Rejected { get; } = [];

    /// <summary>Repeats of offsets applied so long ago that their seq_no left the window: nothing to forward.</summary>
    public int Forgotten { get; set; }

    /// <summary>Repeats of an event id already applied (same content): skipped, nothing to forward.</summary>
    public int Duplicates { get; set; }

    public void Clear()
    {
        Duplicates = 0;
        Applied.Clear();
        Rejected.Clear();
        Forgotten = 0;
    }
}
