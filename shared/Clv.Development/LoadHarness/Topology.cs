namespace Clv.Development.LoadHarness;

/// <summary>How sequencer and scorer are deployed (docs/architecture.md, "Data flow").</summary>
public enum Topology
{
    /// <summary>One pass per batch: the scorer is called in process after the sequencer's write.</summary>
    Fused,

    /// <summary>Sequencer and scorer on their own threads, linked by serialised <c>transactions.sequenced</c> messages.</summary>
    Split,
}
