using System.Diagnostics;
using System.IO.Hashing;
using Clv.Contracts.Transactions;
using Clv.Contracts.Validation;
using Clv.Hosting.Telemetry;
using Clv.Workers.Faults;
using Clv.Workers.Options;
using Clv.Workers.Redis;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Clv.Workers.Sequencing;

/// <summary>
/// Validates a batch of raw transactions and appends the good ones to their customers' rolling windows
/// (as <see cref="CustomerWindowCodec"/> records, not their JSON):
/// one <see cref="SequenceScript"/> call per customer (and partition) with its events in order, all calls
/// pipelined (one round trip for the batch). Because the script applies each (partition, offset) once,
/// replaying a batch gives every event the seq_no it had; and each event id once within the dedupe horizon,
/// so a repeat sent as a new message is skipped (or dead-lettered when its content differs).
/// A message whose key is empty or differs from the body's customer id is dead-lettered: its partition was
/// chosen by the key, so applying it would order the customer's events across two partitions.
/// </summary>
public sealed class Sequencer(IConnectionMultiplexer redis, TransactionParser parser, IOptions<WorkersOptions> options, IFaultInjector faults, TimeProvider clock)
{
    private readonly WorkersOptions _options = options.Value;
    private readonly XxHash3 _fingerprints = new();
    private readonly List<(int Index, TransactionEvent Transaction)> _valid = [];
    private readonly Dictionary<(string Customer, int Partition), List<int>> _byCustomer = [];
    private readonly List<(List<int> Events, Task<RedisResult> Call)> _calls = [];
    private byte[] _encoded = [];

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

            if (KeyRejection(message.Message.Key, parsed.Event.CustomerId) is { } keyRejection)
            {
                result.Rejected.Add((message, keyRejection));
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
        var encoded = EncodingBuffer();
        var at = 0;
        _calls.Clear();
        foreach (var ((customer, partition), events) in _byCustomer)
        {
            var arguments = SequenceScript.Arguments(events.Count);
            for (var j = 0; j < events.Count; j++)
            {
                var (index, transaction) = _valid[events[j]];
                var message = batch[index];
                var length = CustomerWindowCodec.WriteEvent(encoded.AsSpan(at), transaction, EventFingerprint.Of(_fingerprints, transaction));
                SequenceScript.SetEvent(arguments, j, message.Offset.Value, encoded.AsMemory(at, length));
                at += length;
            }

            _calls.Add((events, SequenceScript.ApplyAsync(db, customer, partition, _options.WindowSize + 1, _options.EffectiveDedupeHorizon, arguments)));
        }

        var seqNos = new long[_valid.Count];
        try
        {
            foreach (var (events, call) in _calls)
            {
                var replies = (RedisResult[])(await call.ConfigureAwait(false))!;
                for (var j = 0; j < events.Count; j++)
                {
                    seqNos[events[j]] = (long)replies[j];
                }
            }
        }
        catch
        {
            // Calls after the failed one may still be queued in the multiplexer with their bytes: never reuse them.
            _encoded = [];
            throw;
        }

        // Forward in consumption order, so each scorer partition sees a customer's events in seq_no order.
        for (var v = 0; v < _valid.Count; v++)
        {
            var (index, transaction) = _valid[v];
            var message = batch[index];
            switch (seqNos[v])
            {
                case SequenceScript.Forgotten:
                    result.Forgotten++;
                    continue;
                case SequenceScript.Duplicate:
                    result.Duplicates++;
                    continue;
                case SequenceScript.ConflictingDuplicate:
                    result.Rejected.Add((message, new Rejection(RejectionReason.ConflictingDuplicate, "event_id",
                        $"event_id {transaction.EventId} was applied before for this customer with different content")));
                    continue;
                case SequenceScript.PartitionLimit:
                    result.Rejected.Add((message, new Rejection(RejectionReason.CustomerPartitionLimit, "customer_id",
                        $"this customer's events came on more than {CustomerWindowCodec.MaxPartitions} partitions of {message.Topic}; its window names at most {CustomerWindowCodec.MaxPartitions}")));
                    continue;
            }

            result.Applied.Add(new AppliedEvent(transaction, seqNos[v], message.Partition.Value, message.Offset.Value, KafkaTraceContext.Extract(message.Message.Headers)));
        }

        if (result.Duplicates > 0)
        {
            ClvTelemetry.EventsDuplicated.Add(result.Duplicates);
        }

        if (_calls.Count > 0)
        {
            ClvTelemetry.RedisLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("operation", "sequence"));
        }
    }

    // The batch's records, in one buffer reused across batches (no allocation per event).
    private byte[] EncodingBuffer()
    {
        var size = _valid.Count * SequenceScript.MaxEventSize;
        if (_encoded.Length < size)
        {
            _encoded = new byte[Math.Max(size, 2 * _encoded.Length)];
        }

        return _encoded;
    }

    private static Rejection? KeyRejection(string? key, string customerId) =>
        string.IsNullOrEmpty(key) ? new Rejection(RejectionReason.MissingKey, "", "the message has no key; it must be the customer id")
        : key != customerId ? new Rejection(RejectionReason.KeyMismatch, "customer_id", $"the message key \"{key}\" is not the body's customer_id \"{customerId}\"")
        : null;
}
