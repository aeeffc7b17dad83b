using Clv.Contracts.Validation;
using Clv.Model;
using Clv.ModelLifecycle;
using Clv.Workers.Alerts;
using Clv.Workers.Faults;
using Clv.Workers.Kafka;
using Clv.Workers.Options;
using Clv.Workers.Pipeline;
using Clv.Workers.Positions;
using Clv.Workers.Scoring;
using Clv.Workers.Sequencing;
using Clv.Workers.State;
using Confluent.Kafka;
using StackExchange.Redis;

namespace Clv.Development.LoadHarness;

/// <summary>
/// Builds the workers' real handlers over one Redis connection and one active model, the way
/// <c>WorkersExtensions</c> wires them in a service: each handler gets its own sequencer, scorer and sweeper
/// (they keep per-batch buffers) and its own delivery batch over the given producer.
/// </summary>
public sealed class WorkerComponents(IConnectionMultiplexer redis, MtlLstmModel model)
{
    private readonly TransactionParser _parser = new();
    private readonly ActiveModel _model = new(model);
    private EventTimeWatermark? _watermark;
    private readonly TimeProvider _clock = TimeProvider.System;
    private readonly RedisIncarnation _incarnation = new(redis);

    public WorkersOptions Options { get; } = new();

    public FusedHandler Fused(IProducer<string, byte[]> producer) =>
        new(NewSequencer(), _incarnation, NewScorer(), NewSweeper(), new DeliveryBatch(producer), Options);

    public SequencerHandler Sequencer(IProducer<string, byte[]> producer) =>
        new(NewSequencer(), _incarnation, new DeliveryBatch(producer), Options);

    public ScorerHandler Scorer(IProducer<string, byte[]> producer) =>
        new(NewScorer(), NewSweeper(), new DeliveryBatch(producer), Options);

    private Sequencer NewSequencer() => new(redis, _parser, Options, NoFaults.Instance, _clock);

    private Scorer NewScorer() => new(_model, NewUnit(), Watermark, _incarnation);

    private RecencySweeper NewSweeper() => new(redis, _model, NewUnit(), Watermark, Options, _clock);

    private EventTimeWatermark Watermark => _watermark ??= new(Options.Recency);

    private ScoringUnit NewUnit() =>
        new(redis, new ScoringStateStore(redis), new ScorePublisher(Options), new ChurnAlertPolicy(Options.Alerts), Options, NoFaults.Instance);
}
