using Clv.Model;

namespace Clv.Workers.State;

/// <summary>
/// What the scorer keeps per customer in Redis (<c>clv:{customer}:state</c>): the model state (the LSTM's h and c,
/// the order-value moments and the purchase-day statistics BG/NBD scores from) with the time of the last event folded into it, the seq_no it includes, the model version that computed it, the silence level
/// reached, and what the alert policy needs (last and reference churn, level arming, the open episode, the
/// alert times inside the budget window). Reused across batches through <see cref="CustomerSlotPool"/>.
/// </summary>
public sealed class ScoringState(string customerId, int hiddenSize)
{
    public const long NoEpisode = long.MinValue;

    public string CustomerId { get; private set; } = customerId;

    /// <summary>The model state of whichever kind computed it (<see cref="ModelVersion"/>); h and c are empty for BG/NBD.</summary>
    public CustomerState Lstm { get; } = new(hiddenSize);

    /// <summary>The last applied event's per-customer seq_no (0: nothing applied yet).</summary>
    public long SeqNo { get; set; }

    /// <summary>Version of the model that computed <see cref="Lstm"/>; empty when nothing is stored.</summary>
    public string ModelVersion { get; set; } = string.Empty;

    /// <summary>Churn probability of the last score published (NaN before the first).</summary>
    public double LastChurn { get; set; } = double.NaN;

    /// <summary>The jump reference: the lowest churn probability since the last alert (NaN before the first score).</summary>
    public double ReferenceChurn { get; set; } = double.NaN;

    /// <summary>A level crossing can alert (false from a crossing until churn falls below level minus margin).</summary>
    public bool LevelArmed { get; set; } = true;

    /// <summary>Event time (Unix ms) of the first alert of the open episode, or <see cref="NoEpisode"/>.</summary>
    public long EpisodeStartMs { get; set; } = NoEpisode;

    /// <summary>Churn probability of the open episode's first alert: falling below it minus the margin closes the episode.</summary>
    public double EpisodeOpenChurn { get; set; } = double.NaN;

    /// <summary>Event times (Unix ms, ascending) of the alerts published inside the budget window.</summary>
    public List<long> AlertTimesMs { get; } = [];

    /// <summary>How many recency thresholds the customer has been re-scored for since its last event.</summary>
    public int SilenceLevel { get; set; }

    /// <summary>Partition of the recency index this customer is filed under (the partition its events arrive on).</summary>
    public int Partition { get; set; }

    /// <summary>Makes this state an empty one of <paramref name="customer"/> (for a pooled slot).</summary>
    public void Reset(string customer)
    {
        CustomerId = customer;
        Lstm.Reset();
        SeqNo = 0;
        ModelVersion = string.Empty;
        ResetAlerting(double.NaN);
        SilenceLevel = 0;
        Partition = 0;
    }

    /// <summary>Alert bookkeeping as for a customer never alerted, whose last score was <paramref name="lastChurn"/>.</summary>
    public void ResetAlerting(double lastChurn)
    {
        LastChurn = lastChurn;
        ReferenceChurn = lastChurn;
        LevelArmed = true;
        EpisodeStartMs = NoEpisode;
        EpisodeOpenChurn = double.NaN;
        AlertTimesMs.Clear();
    }
}
