using Clv.Contracts.Validation;
using Clv.Hosting.Telemetry;
using Clv.Workers.Kafka;
using Clv.Workers.Options;
using Clv.Workers.Scoring;
using Clv.Workers.Sequencing;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Clv.Workers.Pipeline;

/// <summary>
/// The scorer of the split deployment: <c>transactions.sequenced</c> in, updates and alerts out. Records are read
/// by <see cref="SequencedTransactionParser"/> (the transaction inside by the one transaction reader); a record it
/// refuses (only a bug upstream makes one) is dead-lettered with the reason instead of stopping the partition.
/// Between batches it runs the recency sweep over the partitions it owns.
/// </summary>
public sealed class ScorerHandler(
    Scorer scorer,
    RecencySweeper sweeper,
    SequencedTransactionParser parser,
    DeliveryBatch delivery,
    IOptions<WorkersOptions> workers,
    TimeProvider clock) : IBatchHandler
{
    private readonly WorkersOptions _options = workers.Value;
    private readonly List<AppliedEvent> _events = [];

    public async Task HandleAsync(IReadOnlyList<ConsumeResult<string, byte[]>> batch, CancellationToken cancellationToken)
    {
        _events.Clear();
        var now = clock.GetUtcNow();
        foreach (var message in batch)
        {
            var parsed = parser.Parse(message.Message.Value, now);
            if (!parsed.IsValid)
            {
                DeadLetters.Send(delivery, _options.Topics.DeadLetter, message, parsed.Rejection, _options.DeadLetterMaxBytes);
                continue;
            }

            var sequenced = parsed.Sequenced;
            _events.Add(new AppliedEvent(sequenced.Transaction, sequenced.SeqNo, message.Partition.Value, message.Offset.Value, KafkaTraceContext.Extract(message.Message.Headers)));
        }

        await scorer.ProcessAsync(_events, delivery).ConfigureAwait(false);
    }

    public Task OnIdleAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken) => sweeper.SweepAsync(partitions, delivery);
}
