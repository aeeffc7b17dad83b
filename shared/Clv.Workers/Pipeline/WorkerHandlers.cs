using Clv.Workers.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace Clv.Workers.Pipeline;

/// <summary>
/// Builds a consume loop's handler from the registered components: the one wiring of the handlers, used by the
/// hosted workers (<see cref="WorkersExtensions"/>) and by the load harness. Each handler gets its own sequencer,
/// scorer and sweeper (they keep per-batch buffers) and its own <see cref="DeliveryBatch"/> over the given producer.
/// </summary>
public sealed class WorkerHandlers(IServiceProvider services)
{
    public SequencerHandler Sequencer(IProducer<string, byte[]> producer) => Create<SequencerHandler>(producer);

    public ScorerHandler Scorer(IProducer<string, byte[]> producer) => Create<ScorerHandler>(producer);

    public FusedHandler Fused(IProducer<string, byte[]> producer) => Create<FusedHandler>(producer);

    private T Create<T>(IProducer<string, byte[]> producer) => ActivatorUtilities.CreateInstance<T>(services, new DeliveryBatch(producer));
}
