using Confluent.Kafka;

namespace Clv.Workers.Kafka;

/// <summary>
/// Produces a batch of messages without awaiting each one, then awaits all their delivery reports at once.
/// One cached delivery handler and one completion source per batch: no task per message.
/// </summary>
public sealed class DeliveryBatch
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly Action<DeliveryReport<string, byte[]>> _onDelivery;
    private TaskCompletionSource _done = NewCompletion();
    private int _pending = 1; // one guard count held until WhenAcknowledgedAsync
    private Error? _firstError;

    public DeliveryBatch(IProducer<string, byte[]> producer)
    {
        _producer = producer;
        _onDelivery = OnDelivery;
    }

    /// <summary>Messages produced in the current batch.</summary>
    public int Count { get; private set; }

    public void Produce(string topic, Message<string, byte[]> message)
    {
        Interlocked.Increment(ref _pending);
        Count++;
        try
        {
            _producer.Produce(topic, message, _onDelivery);
        }
        catch
        {
            Interlocked.Decrement(ref _pending);
            Count--;
            throw;
        }
    }

    /// <summary>Completes when every message produced since the last call is acknowledged; throws the first failure.</summary>
    public async Task WhenAcknowledgedAsync(CancellationToken cancellationToken)
    {
        // Dropping the guard count: whichever of this and the last delivery report reaches zero finishes the batch.
        if (Interlocked.Decrement(ref _pending) > 0)
        {
            await _done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var error = _firstError;
        _firstError = null;
        _done = NewCompletion();
        Count = 0;
        Volatile.Write(ref _pending, 1);
        if (error is not null)
        {
            throw new ProduceException<string, byte[]>(error, new DeliveryResult<string, byte[]>());
        }
    }

    private void OnDelivery(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.CompareExchange(ref _firstError, report.Error, null);
        }

        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _done.TrySetResult();
        }
    }

    private static TaskCompletionSource NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
