namespace Clv.Workers.Faults;

public sealed class NoFaults : IFaultInjector
{
    public static readonly NoFaults Instance = new();

    public void At(FaultPoint point)
    {
    }
}
