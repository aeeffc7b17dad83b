using System.Diagnostics;
using Clv.Contracts.Json;
using Clv.Contracts.Transactions;
using Clv.Hosting.Telemetry;
using Confluent.Kafka;

namespace Clv.Development.Replay;

/// <summary>
/// Publishes events, already in event-time order, to a Kafka topic: key = customer id, value = the event's
/// JSON, a W3C <c>traceparent</c> header when tracing is on. Paced by <see cref="ReplayPacer"/>; counts what
/// the broker acknowledged, not what was handed to the client.
/// </summary>
public sealed class TransactionReplayer
{
    private const int ProgressEvery = 1024;
    private static readonly TimeSpan MinimumDelay = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan FinalFlushOnCancel = TimeSpan.FromSeconds(10);

    private readonly IProducer<string, byte[]> _producer;
    private readonly string _topic;
    private readonly double _speed;
    private readonly TimeProvider _time;
    private readonly Action<DeliveryReport<string, byte[]>> _onDelivered;
    private long _published;
    private long _failed;
    private string? _firstError;

    public TransactionReplayer(IProducer<string, byte[]> producer, string topic, double speed, TimeProvider? time = null)
    {
        _producer = producer;
        _topic = topic;
        _speed = speed;
        _time = time ?? TimeProvider.System;
        _onDelivered = OnDelivered;
    }

    /// <param name="events">Sorted by event time (as <see cref="Clv.Contracts.Files.TransactionFileReader.Load"/> returns them).</param>
    /// <param name="onProgress">Called now and then with the number of events acknowledged so far.</param>
    public async Task<PublishResult> PublishAsync(IReadOnlyList<TransactionEvent> events, Action<long>? onProgress, CancellationToken cancellationToken)
    {
        _published = _failed = 0;
        _firstError = null;
        if (events.Count == 0)
        {
            return new PublishResult(0, 0, null, false);
        }

        var pacer = new ReplayPacer(_speed, events[0].OccurredAt);
        var start = _time.GetTimestamp();
        var cancelled = false;
        for (var i = 0; i < events.Count; i++)
        {
            var due = pacer.DueAfterStart(events[i].OccurredAt) - _time.GetElapsedTime(start);
            var delayCancelled = due >= MinimumDelay && !await DelayAsync(due, cancellationToken);
            if (delayCancelled || cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }

            Produce(events[i]);
            if (i % ProgressEvery == 0)
            {
                onProgress?.Invoke(Interlocked.Read(ref _published));
            }
        }

        // Every handed-over event gets its delivery report (success or failure) before Flush returns.
        if (cancelled)
        {
            _producer.Flush(FinalFlushOnCancel);
        }
        else
        {
            _producer.Flush(CancellationToken.None);
        }

        onProgress?.Invoke(Interlocked.Read(ref _published));
        return new PublishResult(Interlocked.Read(ref _published), Interlocked.Read(ref _failed), _firstError, cancelled);
    }

    private void Produce(TransactionEvent transaction)
    {
        var message = new Message<string, byte[]>
        {
            Key = transaction.CustomerId,
            Value = ClvJson.Serialize(transaction),
            Headers = [],
            Timestamp = new Timestamp(transaction.OccurredAt),
        };
        using var activity = ClvTelemetry.Source.StartActivity("replay publish", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", _topic);
        KafkaTraceContext.Inject(activity, message.Headers);
        while (true)
        {
            try
            {
                _producer.Produce(_topic, message, _onDelivered);
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: the client's queue is full until the broker acknowledges some of it.
                _producer.Flush(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    private void OnDelivered(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.CompareExchange(ref _firstError, $"{report.Error.Code}: {report.Error.Reason}", null);
            Interlocked.Increment(ref _failed);
        }
        else
        {
            Interlocked.Increment(ref _published);
        }
    }

    /// <summary>False when cancelled while waiting.</summary>
    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
