using Clv.Contracts;

namespace Clv.Workers.Options;

/// <summary>The topic names the workers use; the defaults are <see cref="Topics"/> (override to run several pipelines on one cluster).</summary>
public sealed class TopicOptions
{
    public string Transactions { get; set; } = Topics.Transactions;

    public string DeadLetter { get; set; } = Topics.DeadLetter;

    public string Sequenced { get; set; } = Topics.Sequenced;

    public string ClvUpdates { get; set; } = Topics.ClvUpdates;

    public string ChurnAlerts { get; set; } = Topics.ChurnAlerts;
}
