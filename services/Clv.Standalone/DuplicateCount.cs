using System.Diagnostics.Metrics;
using Clv.Hosting.Telemetry;

namespace Clv.Standalone;

/// <summary>
/// The repeats the sequencer skipped by event id (<c>clv.events.duplicates</c>), read from the meter as any
/// metrics backend would: a skipped repeat has no output on any topic, yet the drain check must count it.
/// </summary>
public sealed class DuplicateCount : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _value;

    public DuplicateCount()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ClvTelemetry.Name && instrument.Name == ClvTelemetry.EventsDuplicatedName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, measurement, _, _) => Interlocked.Add(ref _value, measurement));
        _listener.Start();
    }

    public long Value => Interlocked.Read(ref _value);

    public void Dispose() => _listener.Dispose();
}
