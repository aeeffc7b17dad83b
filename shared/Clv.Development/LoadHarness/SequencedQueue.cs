using System.Collections.Concurrent;
using Confluent.Kafka;

namespace Clv.Development.LoadHarness;

/// <summary>
/// The split deployment's <c>transactions.sequenced</c> topic inside the process: the sequencer's sink puts each
/// forwarded message here, paired with the arrival time of the event it was made from (the sequencer forwards
/// the applied events of a batch in batch order), and the scorer thread takes them. Bounded, so a slow scorer
/// holds the sequencer back as consumer lag would.
/// </summary>
public sealed class SequencedQueue(string topic, int partition, int capacity)
{
    private readonly CancellationTokenSource _abort = new();
    private long _offset;

    public BlockingCollection<StampedMessage> Messages { get; } = new(capacity);

    /// <summary>Arrival times of the sequencer batch being handled, in batch order.</summary>
    public List<long> BatchArrivals { get; } = [];

    public int NextInBatch { get; set; }

    public void Forward(Message<string, byte[]> message)
    {
        var consumed = new ConsumeResult<string, byte[]> { Topic = topic, Partition = partition, Offset = _offset++, Message = message };
        Messages.Add(new StampedMessage(consumed, BatchArrivals[NextInBatch++]), _abort.Token);
    }

    /// <summary>Releases a sequencer blocked on a full queue when the scorer has failed.</summary>
    public void Abort() => _abort.Cancel();
}
