using System.Diagnostics;
using Clv.Contracts.Json;
using Clv.Contracts.Transactions;
using Clv.Hosting.Telemetry;
using Clv.Workers.Kafka;
using Clv.Workers.Options;
using Clv.Workers.Positions;
using Clv.Workers.Sequencing;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Clv.Workers.Pipeline;

/// <summary>
/// The sequencer of the split deployment: <c>transactions</c> in, each applied event forwarded with its
/// seq_no on <c>transactions.sequenced</c>, refused ones to <c>transactions.dlq</c>. Forwarding happens after
/// the Redis write, so a replay forwards the same seq_no again (the scorer skips what it already applied).
/// </summary>
public sealed class SequencerHandler(Sequencer sequencer, RedisIncarnation incarnation, DeliveryBatch delivery, IOptions<WorkersOptions> workers) : IBatchHandler
{
    private readonly WorkersOptions _options = workers.Value;
    private readonly SequencerBatch _result = new();

    public async Task HandleAsync(IReadOnlyList<ConsumeResult<string, byte[]>> batch, CancellationToken cancellationToken)
    {
        await sequencer.ApplyAsync(batch, _result).ConfigureAwait(false);
        await incarnation.EnsureUnchangedAsync().ConfigureAwait(false);
        foreach (var (message, rejection) in _result.Rejected)
        {
            DeadLetters.Send(delivery, _options.Topics.DeadLetter, message, rejection, _options.DeadLetterMaxBytes);
        }

        foreach (var applied in _result.Applied)
        {
            using var activity = ClvTelemetry.Source.StartActivity("sequence", ActivityKind.Producer, applied.Parent);
            var forwarded = new SequencedTransaction(applied.Transaction, applied.SeqNo, applied.Partition, applied.Offset);
            var message = new Message<string, byte[]> { Key = applied.Transaction.CustomerId, Value = ClvJson.Serialize(forwarded) };
            if (activity is not null)
            {
                message.Headers = new Headers();
                KafkaTraceContext.Inject(activity, message.Headers);
            }

            delivery.Produce(_options.Topics.Sequenced, message);
        }

        await delivery.WhenAcknowledgedAsync(cancellationToken).ConfigureAwait(false);
        ClvTelemetry.EventsProcessed.Add(_result.Applied.Count, new KeyValuePair<string, object?>("stage", "sequencer"));
    }

    public Task OnIdleAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken) => Task.CompletedTask;
}
