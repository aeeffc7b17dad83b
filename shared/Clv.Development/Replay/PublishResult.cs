namespace Clv.Development.Replay;

/// <summary>What the broker acknowledged: Published and Failed count delivery reports, so they add up to the events sent.</summary>
public sealed record PublishResult(long Published, long Failed, string? FirstError, bool Cancelled);
