using System.Diagnostics;
using Clv.Contracts.Transactions;
using Clv.Contracts.Validation;
using Clv.Hosting.Telemetry;
using Clv.Workers.Faults;
using Clv.Workers.Options;
using Clv.Workers.Redis;
using Confluent.Kafka;
using StackExchange.Redis;

namespace Clv.Workers.Sequencing;

/// <summary>
/// Validates a batch of raw transactions and appends the good ones to their customers' rolling sequences,
/// one <see cref="SequenceScript"/> call per event, all pipelined (one round trip for the batch). Because the
/// script applies each (partition, offset) once, replaying a batch gives every event the seq_no it had.
/// </summary>
public sealed class Sequencer(IConnectionMultiplexer redis, TransactionParser parser, WorkersOptions options, IFaultInjector faults, TimeProvider clock)
{
    private readonly List<(int Index, TransactionEvent Transaction)> _valid = [];
    private readonly List<Task<RedisResult>> _calls = [];

    public async Task ApplyAsync(IReadOnlyList<ConsumeResult<string, byte[]>> batch, SequencerBatch result)
    {
        result.Clear();
        _valid.Clear();
        var now = clock.GetUtcNow();
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i];
            var parsed = parser.Parse(message.Message.Value, now);
            if (parsed.IsValid)
            {
                _valid.Add((i, parsed.Event));
            }
            else
            {
                result.Rejected.Add((message, parsed.Rejection));
            }
        }

        faults.At(FaultPoint.BeforeSequenceWrite);
        var db = redis.GetDatabase();
        var started = Stopwatch.GetTimestamp();
        _calls.Clear();
        foreach (var (index, transaction) in _valid)
        {
            var message = batch[index];
            _calls.Add(SequenceScript.ApplyAsync(db, transaction.CustomerId, message.Partition.Value, message.Offset.Value, options.WindowSize + 1, message.Message.Value));
        }

        for (var i = 0; i < _calls.Count; i++)
        {
            var reply = (RedisResult[])(await _calls[i].ConfigureAwait(false))!;
            var seqNo = (long)reply[1];
            var (index, transaction) = _valid[i];
            if (seqNo == 0)
            {
                result.Forgotten++;
                continue;
            }

            var message = batch[index];
            result.Applied.Add(new AppliedEvent(transaction, seqNo, message.Partition.Value, message.Offset.Value, KafkaTraceContext.Extract(message.Message.Headers)));
        }

        if (_calls.Count > 0)
        {
            ClvTelemetry.RedisLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("operation", "sequence"));
        }
    }
}
