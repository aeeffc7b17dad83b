using Clv.Hosting.Telemetry;
using Clv.Workers.Kafka;
using Clv.Workers.Options;
using Clv.Workers.Positions;
using Clv.Workers.Scoring;
using Clv.Workers.Sequencing;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Clv.Workers.Pipeline;

/// <summary>
/// Sequencer and scorer in one pass over <c>transactions</c> (the fused deployment): the batch is appended to
/// the rolling sequences, then the applied events are scored in process, with no <c>transactions.sequenced</c>
/// hop. The two stay separate components; only the hand-off between them is a method call. Dead letters and
/// updates share one delivery batch, acknowledged before the scorer writes its states.
/// </summary>
public sealed class FusedHandler(Sequencer sequencer, RedisIncarnation incarnation, Scorer scorer, RecencySweeper sweeper, DeliveryBatch delivery, IOptions<WorkersOptions> workers) : IBatchHandler
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

        await scorer.ProcessAsync(_result.Applied, delivery).ConfigureAwait(false);
        ClvTelemetry.EventsProcessed.Add(_result.Applied.Count, new KeyValuePair<string, object?>("stage", "sequencer"));
    }

    public Task OnIdleAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken) => sweeper.SweepAsync(partitions, delivery);
}
