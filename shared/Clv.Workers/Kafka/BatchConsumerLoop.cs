using System.Diagnostics;
using Clv.Hosting.Telemetry;
using Clv.Workers.Faults;
using Clv.Workers.Health;
using Clv.Workers.Options;
using Clv.Workers.Positions;
using Clv.Workers.Retries;
using Clv.Workers.Scoring;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Clv.Workers.Kafka;

/// <summary>
/// The explicit consume loop of every worker: collect up to <see cref="BatchOptions.MaxSize"/> messages or
/// <see cref="BatchOptions.MaxDelayMs"/>, hand them to the <see cref="IBatchHandler"/>, and store and commit
/// their offsets only after it returns (its Redis writes and produces acknowledged). A failure the
/// <see cref="ErrorClassifier"/> calls retriable retries the same batch after the <see cref="RetryBackoff"/>'s wait,
/// polling with its partitions paused so that rebalances go on (readiness reports the stage as stuck meanwhile);
/// anything else stops the loop without committing. Between batches it runs the handler's periodic work when the
/// <see cref="SweepSchedule"/> says so. A topic that does not exist yet is waited for. Runs on one dedicated
/// thread: Consume blocks, and the rebalance handlers run inside it; they never sleep.
/// </summary>
public sealed class BatchConsumerLoop
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(100);

    private readonly Func<Action<ConsumerBuilder<string, byte[]>>, IConsumer<string, byte[]>> _createConsumer;
    private readonly string _topic;
    private readonly IBatchHandler _handler;
    private readonly BatchOptions _batching;
    private readonly SweepSchedule _sweeps;
    private readonly RetryBackoff _backoff;
    private readonly IFaultInjector _faults;
    private readonly WorkerReadiness _readiness;
    private readonly PartitionPositions _positions;
    private readonly ILogger _logger;
    private readonly List<ConsumeResult<string, byte[]>> _batch;
    private readonly HashSet<int> _partitions = [];
    private readonly Dictionary<int, long> _nextOffsets = [];
    private readonly string _stage;
    private IConsumer<string, byte[]>? _consumer;
    private CancellationToken _stopping;
    private bool _waitingForTopic;

    public BatchConsumerLoop(
        Func<Action<ConsumerBuilder<string, byte[]>>, IConsumer<string, byte[]>> createConsumer,
        string topic,
        string stage,
        IBatchHandler handler,
        BatchOptions batching,
        SweepSchedule sweeps,
        RetryBackoff backoff,
        IFaultInjector faults,
        WorkerReadiness readiness,
        PartitionPositions positions,
        ILogger logger)
    {
        _createConsumer = createConsumer;
        _topic = topic;
        _stage = stage;
        _handler = handler;
        _batching = batching;
        _sweeps = sweeps;
        _backoff = backoff;
        _faults = faults;
        _readiness = readiness;
        _positions = positions;
        _logger = logger;
        _batch = new List<ConsumeResult<string, byte[]>>(batching.MaxSize);
    }

    /// <summary>Consumes until <paramref name="stopping"/> is cancelled, then finishes and commits the batch in hand and closes.</summary>
    public void Run(CancellationToken stopping)
    {
        _stopping = stopping;
        using var consumer = _createConsumer(builder => builder
            // Revoke: finish and commit the batch in hand, so the next owner starts exactly after it.
            .SetPartitionsRevokedHandler((_, revoked) => OnRevoked(revoked))
            // Lost: another member may already own them; drop their messages uncommitted, they are replayed there.
            .SetPartitionsLostHandler((_, lost) => OnLost(lost))
            .SetPartitionsAssignedHandler((_, assigned) => OnAssigned(assigned)));
        _consumer = consumer;
        consumer.Subscribe(_topic);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                CollectBatch(consumer);
                if (_batch.Count > 0)
                {
                    ProcessAndCommit();
                }

                if (_sweeps.IsDue)
                {
                    RunIdle();
                    _sweeps.Ran();
                }
            }
        }
        catch
        {
            // A crash: the batch in hand must not be finished by the revoke that Close() triggers.
            _batch.Clear();
            throw;
        }
        finally
        {
            _readiness.PartitionsAssigned(_stage, false);
            consumer.Close();
            _consumer = null;
        }
    }

    private void CollectBatch(IConsumer<string, byte[]> consumer)
    {
        var first = Consume(consumer, IdlePoll);
        if (first is null || first.IsPartitionEOF)
        {
            return;
        }

        _batch.Add(first);
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * _batching.MaxDelayMs / 1000;
        while (_batch.Count < _batching.MaxSize && !_stopping.IsCancellationRequested)
        {
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            var next = Consume(consumer, remaining);
            if (next is null)
            {
                break;
            }

            if (!next.IsPartitionEOF)
            {
                _batch.Add(next);
            }
        }
    }

    /// <summary>One poll; a subscribed topic that does not exist yet is waited for (the loop polls on), not a crash.</summary>
    private ConsumeResult<string, byte[]>? Consume(IConsumer<string, byte[]> consumer, TimeSpan timeout)
    {
        try
        {
            var result = consumer.Consume(timeout);
            if (_waitingForTopic && result is not null)
            {
                _waitingForTopic = false;
                _readiness.Unblocked(_stage);
            }

            return result;
        }
        catch (ConsumeException error) when (error.Error.Code is ErrorCode.UnknownTopicOrPart or ErrorCode.Local_UnknownTopic or ErrorCode.Local_UnknownPartition)
        {
            if (!_waitingForTopic)
            {
                _waitingForTopic = true;
                _readiness.Blocked(_stage, $"waiting for topic {_topic} to exist ({error.Error.Reason})");
                _logger.LogWarning("Topic {Topic} does not exist yet ({Error}); waiting for it", _topic, error.Error.Reason);
            }

            return null;
        }
    }

    /// <summary>
    /// Handles the batch until it succeeds, retrying a retriable failure with backoff; with
    /// <paramref name="mayWait"/> false (inside a rebalance callback, which must not stall the group) it tries once
    /// and on failure returns false with the batch still in hand, for the callback to keep what it still owns.
    /// </summary>
    private bool ProcessAndCommit(bool mayWait = true)
    {
        var started = Stopwatch.GetTimestamp();
        _backoff.Reset();
        while (true)
        {
            try
            {
                if (!_positions.BeginBatch(_consumer!, _batch))
                {
                    // Redis lost events applied from a partition of this batch: it was sought back, the batch is read again.
                    _batch.Clear();
                    return true;
                }

                _handler.HandleAsync(_batch, CancellationToken.None).GetAwaiter().GetResult();
                _readiness.Unblocked(_stage);
                _positions.EndBatch();
                break;
            }
            catch (BatchNotDurableException error)
            {
                _logger.LogWarning("Batch of {Count} on {Topic} is not known to be durable ({Reason}); reading it again after verifying its partitions", _batch.Count, _topic, error.Message);
                _positions.Rewind(_consumer!);
                _batch.Clear();
                return true;
            }
            catch (Exception error) when (ErrorClassifier.IsRetriable(error))
            {
                if (!mayWait)
                {
                    _logger.LogWarning("Batch of {Count} on {Topic} failed during a rebalance ({Error}); not retried inside the rebalance", _batch.Count, _topic, error.Message);
                    return false;
                }

                if (_stopping.IsCancellationRequested)
                {
                    // Shutting down while the batch cannot complete: leave it uncommitted, the next owner replays it
                    // (every effect is idempotent).
                    _logger.LogWarning("Leaving an unfinished batch of {Count} on {Topic} uncommitted ({Error}); it will be replayed", _batch.Count, _topic, error.Message);
                    _batch.Clear();
                    return true;
                }

                var delayMs = _backoff.NextDelayMs();
                _readiness.Blocked(_stage, $"a batch of {_batch.Count} on {_topic} keeps failing ({error.Message}); retrying every {delayMs} ms or less");
                _logger.LogWarning("Batch of {Count} on {Topic} failed ({Error}); retrying the same batch in {Delay} ms", _batch.Count, _topic, error.Message, delayMs);
                BackOff(delayMs);
                if (_batch.Count == 0)
                {
                    // A rebalance during the backoff finished the batch or handed it to the partitions' next owner.
                    return true;
                }
            }
        }

        _faults.At(FaultPoint.BeforeCommit);
        Commit();
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        ClvTelemetry.ProcessingLatency.Record(elapsedMs, new KeyValuePair<string, object?>("stage", _stage));
        _batch.Clear();
        return true;
    }

    /// <summary>
    /// The retry backoff: polls with every partition paused instead of sleeping, so the group's rebalances are
    /// served (a member that stops polling stalls the whole group's rebalance) and nothing new is fetched. Ends
    /// early when a rebalance took the whole batch or the worker stops.
    /// </summary>
    private void BackOff(int delayMs)
    {
        var consumer = _consumer!;
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * delayMs / 1000;
        consumer.Pause(consumer.Assignment);
        try
        {
            while (_batch.Count > 0 && !_stopping.IsCancellationRequested)
            {
                var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until);
                if (remaining <= TimeSpan.Zero)
                {
                    break;
                }

                var message = Consume(consumer, remaining < IdlePoll ? remaining : IdlePoll);
                if (message is { IsPartitionEOF: false })
                {
                    // From a partition assigned during the wait, not paused yet: it is read again after the batch.
                    consumer.Seek(message.TopicPartitionOffset);
                    consumer.Pause([message.TopicPartition]);
                }
            }
        }
        finally
        {
            consumer.Resume(consumer.Assignment);
        }
    }

    private void Commit()
    {
        var consumer = _consumer!;
        _nextOffsets.Clear();
        foreach (var result in _batch)
        {
            _nextOffsets[result.Partition.Value] = result.Offset.Value + 1;
        }

        try
        {
            foreach (var (partition, next) in _nextOffsets)
            {
                consumer.StoreOffset(new TopicPartitionOffset(_topic, partition, next));
            }

            consumer.Commit();
        }
        catch (KafkaException error) when (!error.Error.IsFatal)
        {
            // The effects are in place and idempotent: whoever owns the partition now replays the batch to the same result.
            _logger.LogWarning("Commit of a batch on {Topic} failed ({Error}); its events will be replayed with identical results", _topic, error.Error.Reason);
        }

        foreach (var (partition, next) in _nextOffsets)
        {
            var watermarks = consumer.GetWatermarkOffsets(new TopicPartition(_topic, partition));
            if (watermarks.High != Offset.Unset)
            {
                ClvTelemetry.ConsumerLag.Record(
                    Math.Max(0, watermarks.High.Value - next),
                    new KeyValuePair<string, object?>("topic", _topic),
                    new KeyValuePair<string, object?>("partition", partition));
            }
        }
    }

    private void RunIdle()
    {
        if (_partitions.Count == 0)
        {
            return;
        }

        try
        {
            _positions.VerifyOwned(_consumer!, _partitions);
            _handler.OnIdleAsync(_partitions, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception error) when (ErrorClassifier.IsRetriable(error))
        {
            _logger.LogWarning("Periodic work on {Topic} failed ({Error}); trying again next interval", _topic, error.Message);
        }
    }

    private void OnAssigned(List<TopicPartition> assigned)
    {
        foreach (var partition in assigned)
        {
            _partitions.Add(partition.Partition.Value);
        }

        _positions.Assigned(assigned.Select(partition => partition.Partition.Value));

        _readiness.PartitionsAssigned(_stage, _partitions.Count > 0);
    }

    private void OnRevoked(List<TopicPartitionOffset> revoked)
    {
        foreach (var partition in revoked)
        {
            _partitions.Remove(partition.Partition.Value);
        }

        if (_batch.Count > 0 && !ProcessAndCommit(mayWait: false))
        {
            // Tried once, the group waits for this callback: the revoked partitions' messages stay uncommitted for
            // their next owner; those of partitions still owned stay in hand (their fetch position is past them).
            var left = _batch.RemoveAll(message => !_partitions.Contains(message.Partition.Value));
            _logger.LogWarning("Left {Count} messages of revoked partitions of {Topic} uncommitted for their next owner; {Kept} of partitions still owned stay in hand", left, _topic, _batch.Count);
        }

        _positions.Forget(revoked.Select(partition => partition.Partition.Value));

        _readiness.PartitionsAssigned(_stage, _partitions.Count > 0);
    }

    private void OnLost(List<TopicPartitionOffset> lost)
    {
        foreach (var partition in lost)
        {
            _partitions.Remove(partition.Partition.Value);
        }

        _positions.Forget(lost.Select(partition => partition.Partition.Value));

        // Messages of the partitions still owned stay in the batch: the fetch position is past them already.
        _batch.RemoveAll(message => !_partitions.Contains(message.Partition.Value));

        _readiness.PartitionsAssigned(_stage, _partitions.Count > 0);
    }
}
