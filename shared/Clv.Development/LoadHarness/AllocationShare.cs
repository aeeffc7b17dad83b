namespace Clv.Development.LoadHarness;

/// <summary>One allocated type's estimated share of a scenario's bytes, and its bytes per event.</summary>
public sealed record AllocationShare(string Type, double Share, double BytesPerEvent);
