namespace Clv.Workers.Faults;

/// <summary>Called by the pipelines at each <see cref="FaultPoint"/>; production registers <see cref="NoFaults"/>.</summary>
public interface IFaultInjector
{
    void At(FaultPoint point);
}
