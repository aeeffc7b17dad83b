namespace Clv.Workers.Faults;

/// <summary>The points of a batch where a crash leaves a distinct partial result (tests inject failures there).</summary>
public enum FaultPoint
{
    /// <summary>The sequencer is about to append the batch's events to the rolling sequences.</summary>
    BeforeSequenceWrite,

    /// <summary>The scorer's updates and alerts are acknowledged; the customers' states are not written yet.</summary>
    BeforeStateWrite,

    /// <summary>The batch's Redis writes and produces are acknowledged; its offsets are not committed yet.</summary>
    BeforeCommit,
}
