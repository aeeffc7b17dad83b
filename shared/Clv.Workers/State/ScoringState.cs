using Clv.Model;

namespace Clv.Workers.State;

/// <summary>
/// What the scorer keeps per customer in Redis (<c>clv:{customer}:state</c>): the LSTM state with the time of
/// the last event folded into it, the seq_no it includes, the model version that computed it, and what the
/// alert policy needs (the last churn probability published, the last alert time, the silence level reached).
/// </summary>
public sealed class ScoringState(string customerId, int hiddenSize)
{
    public const long NoAlert = long.MinValue;

    public string CustomerId { get; } = customerId;

    public CustomerState Lstm { get; } = new(hiddenSize);

    /// <summary>The last applied event's per-customer seq_no (0: nothing applied yet).</summary>
    public long SeqNo { get; set; }

    /// <summary>Version of the model that computed <see cref="Lstm"/>; empty when nothing is stored.</summary>
    public string ModelVersion { get; set; } = string.Empty;

    /// <summary>Churn probability of the last update published (NaN before the first).</summary>
    public double LastChurn { get; set; } = double.NaN;

    /// <summary>Event time (Unix ms) of the last alert, or <see cref="NoAlert"/>.</summary>
    public long LastAlertMs { get; set; } = NoAlert;

    /// <summary>How many recency thresholds the customer has been re-scored for since its last event.</summary>
    public int SilenceLevel { get; set; }

    /// <summary>Partition of the recency index this customer is filed under (the partition its events arrive on).</summary>
    public int Partition { get; set; }
}
