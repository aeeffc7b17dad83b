using Clv.Workers.Faults;

namespace Clv.Workers.Tests;

public sealed class InjectedCrashException(FaultPoint point) : Exception($"injected crash at {point}");
