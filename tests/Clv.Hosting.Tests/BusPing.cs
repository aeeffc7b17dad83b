namespace Clv.Hosting.Tests;

/// <summary>A test-only control-plane message.</summary>
public sealed record BusPing(Guid Id);
