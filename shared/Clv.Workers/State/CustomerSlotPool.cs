namespace Clv.Workers.State;

/// <summary>
/// Customer slots kept between batches, so a batch of thousands of customers does not allocate thousands of
/// LSTM states. Slots of another hidden size (a model swap changed it) are dropped, not reused.
/// </summary>
public sealed class CustomerSlotPool
{
    private readonly Stack<CustomerSlot> _free = new();

    public CustomerSlot Rent(string customerId, int hiddenSize)
    {
        while (_free.TryPop(out var slot))
        {
            if (slot.State.Lstm.Hidden.Length == hiddenSize)
            {
                slot.Reset(customerId);
                return slot;
            }
        }

        return new CustomerSlot(new ScoringState(customerId, hiddenSize));
    }

    public void Return(CustomerSlot slot) => _free.Push(slot);
}
