using System.Text.Json;
using Clv.Contracts.Json;
using Clv.Contracts.Transactions;
using Clv.Contracts.Validation;
using Clv.Hosting.Telemetry;
using Clv.Workers.Kafka;
using Clv.Workers.Options;
using Clv.Workers.Scoring;
using Clv.Workers.Sequencing;
using Confluent.Kafka;

namespace Clv.Workers.Pipeline;

/// <summary>
/// The scorer of the split deployment: <c>transactions.sequenced</c> in, updates and alerts out; a record it
/// cannot read (only a bug upstream makes one) is dead-lettered instead of stopping the partition.
/// Between batches it runs the recency sweep over the partitions it owns.
/// </summary>
public sealed class ScorerHandler(Scorer scorer, RecencySweeper sweeper, DeliveryBatch delivery, WorkersOptions options) : IBatchHandler
{
    private readonly List<AppliedEvent> _events = [];

    public async Task HandleAsync(IReadOnlyList<ConsumeResult<string, byte[]>> batch, CancellationToken cancellationToken)
    {
        _events.Clear();
        foreach (var message in batch)
        {
            SequencedTransaction sequenced;
            try
            {
                sequenced = ClvJson.Deserialize<SequencedTransaction>(message.Message.Value);
            }
            catch (JsonException error)
            {
                DeadLetters.Send(delivery, options.Topics.DeadLetter, message, new Rejection(RejectionReason.InvalidJson, "", $"not a sequenced transaction: {error.Message}"), options.DeadLetterMaxBytes);
                continue;
            }

            _events.Add(new AppliedEvent(sequenced.Transaction, sequenced.SeqNo, message.Partition.Value, message.Offset.Value, KafkaTraceContext.Extract(message.Message.Headers)));
        }

        await scorer.ProcessAsync(_events, delivery).ConfigureAwait(false);
    }

    public Task OnIdleAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken) => sweeper.SweepAsync(partitions, delivery);
}
