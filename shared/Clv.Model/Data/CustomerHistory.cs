namespace Clv.Model.Data;

/// <summary>A customer's events sorted by time (ties keep their input order).</summary>
public sealed class CustomerHistory
{
    public CustomerHistory(string customerId, CustomerEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(events);
        for (var i = 1; i < events.Length; i++)
        {
            if (events[i].Time < events[i - 1].Time)
            {
                throw new ArgumentException($"Events of customer '{customerId}' are not sorted by time at index {i}.", nameof(events));
            }
        }

        CustomerId = customerId;
        Events = events;
    }

    public string CustomerId { get; }

    public CustomerEvent[] Events { get; }

    /// <summary>The number of leading events at or before <paramref name="end"/>.</summary>
    public int CountUpTo(DateTime end)
    {
        var count = 0;
        while (count < Events.Length && Events[count].Time <= end)
        {
            count++;
        }

        return count;
    }
}
