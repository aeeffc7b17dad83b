using Clv.Development.Replay;

namespace Clv.Cli.Replay;

/// <summary>The closing figures of a replay; Elapsed covers reading, publishing and waiting for the last acknowledgement.</summary>
public sealed record ReplaySummary(int RowsRead, int Malformed, PublishResult Publish, TimeSpan Elapsed)
{
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Publish.Published / Elapsed.TotalSeconds : 0;

    /// <summary>Every valid row reached the broker (malformed rows are reported, not a failure of the replay).</summary>
    public bool Complete => !Publish.Cancelled && Publish.Failed == 0 && Publish.Published == RowsRead - Malformed;

    public override string ToString() =>
        $"rows read {RowsRead:N0}, published {Publish.Published:N0}, malformed {Malformed:N0}, failed {Publish.Failed:N0}, " +
        $"elapsed {Elapsed.TotalSeconds:F1} s, {EventsPerSecond:N0} events/s" + (Publish.Cancelled ? " (cancelled)" : "");
}
