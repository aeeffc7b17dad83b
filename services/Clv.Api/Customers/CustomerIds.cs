using Clv.Contracts.Validation;

namespace Clv.Api.Customers;

/// <summary>Customer ids the API accepts: the rules the sequencer applies to <c>customer_id</c>, so every stored customer can be asked for.</summary>
public static class CustomerIds
{
    /// <summary>Null when the id is acceptable, else why not.</summary>
    public static string? Problem(string? id)
    {
        if (id is null)
        {
            return "customer_id is missing";
        }

        if (!TransactionRules.TryCheckText("customer_id", id, TransactionRules.DefaultMaxIdLength, out var rejection))
        {
            return rejection.Message;
        }

        foreach (var c in id)
        {
            if (char.IsControl(c))
            {
                return "customer_id contains a control character";
            }
        }

        return null;
    }
}
