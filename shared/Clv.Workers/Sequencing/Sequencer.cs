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
/// Validates a batch of raw transactions and appends the good ones to their customers' rolling sequences:
/// one <see cref="SequenceScript"/> call per customer (and partition) with its events in order, all calls
/// pipelined (one round trip for the batch). Because the script applies each (partition, offset) once,
/// replaying a batch gives every event the seq_no it had.
/// </summary>
public sealed class Sequencer(IConnectionMultiplexer redis, TransactionParser parser, WorkersOptions options, IFaultInjector faults, TimeProvider clock)
{
    private readonly List<(int Index, TransactionEvent Transaction)> _valid = [];
    private readonly Dictionary<(string Customer, int Partition), List<int>> _byCustomer = [];
    private readonly List<(List<int> Events, Task<RedisResult> Call)> _calls = [];

    public async Task ApplyAsync(IReadOnlyList<ConsumeResult<string, byte[]>> batch, SequencerBatch result)
    {
        result.Clear();
        _valid.Clear();
        _byCustomer.Clear();
        var now = clock.GetUtcNow();
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i];
            var parsed = parser.Parse(message.Message.Value, now);
            if (!parsed.IsValid)
            {
                result.Rejected.Add((message, parsed.Rejection));
                continue;
            }

            var key = (parsed.Event.CustomerId, message.Partition.Value);
            if (!_byCustomer.TryGetValue(key, out var events))
            {
                _byCustomer[key] = events = [];
            }

            events.Add(_valid.Count);
            _valid.Add((i, parsed.Event));
        }

        faults.At(FaultPoint.BeforeSequenceWrite);
        var db = redis.GetDatabase();
        var started = Stopwatch.GetTimestamp();
        _calls.Clear();
        foreach (var ((customer, partition), events) in _byCustomer)
        {
            var arguments = SequenceScript.Arguments(events.Count);
            for (var j = 0; j < events.Count; j++)
            {
                var message = batch[_valid[events[j]].Index];
                arguments[2 + (2 * j)] = message.Offset.Value;
                arguments[3 + (2 * j)] = message.Message.Value;
            }

            _calls.Add((events, SequenceScript.ApplyAsync(db, customer, partition, options.WindowSize + 1, arguments)));
        }

        var seqNos = new long[_valid.Count];
        foreach (var (events, call) in _calls)
        {
            var replies = (RedisResult[])(await call.ConfigureAwait(false))!;
            for (var j = 0; j < events.Count; j++)
            {
                seqNos[events[j]] = (long)replies[j];
            }
        }

        // Forward in consumption order, so each scorer partition sees a customer's events in seq_no order.
        for (var v = 0; v < _valid.Count; v++)
        {
            var (index, transaction) = _valid[v];
            if (seqNos[v] == 0)
            {
                result.Forgotten++;
                continue;
            }

            var message = batch[index];
            result.Applied.Add(new AppliedEvent(transaction, seqNos[v], message.Partition.Value, message.Offset.Value, KafkaTraceContext.Extract(message.Message.Headers)));
        }

        if (_calls.Count > 0)
        {
            ClvTelemetry.RedisLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("operation", "sequence"));
        }
    }
}
