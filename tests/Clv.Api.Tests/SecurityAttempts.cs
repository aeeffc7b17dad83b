using System.Diagnostics.Metrics;

namespace Clv.Api.Tests;

/// <summary>Counts one app's authentication and authorization attempts from ASP.NET Core's own instruments (meters of its <see cref="IMeterFactory"/> only).</summary>
public sealed class SecurityAttempts : IDisposable
{
    private const string Authenticate = "aspnetcore.authentication.authenticate.duration";
    private const string Authorize = "aspnetcore.authorization.attempts";

    private readonly MeterListener _listener = new();
    private int _authentications;
    private int _authorizations;

    public SecurityAttempts(IMeterFactory app)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == app && instrument.Name is Authenticate or Authorize)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => Count(instrument));
        _listener.SetMeasurementEventCallback<long>((instrument, _, _, _) => Count(instrument));
        _listener.Start();
    }

    public int Authentications => Volatile.Read(ref _authentications);

    public int Authorizations => Volatile.Read(ref _authorizations);

    public void Dispose() => _listener.Dispose();

    private void Count(Instrument instrument)
    {
        if (instrument.Name == Authenticate)
        {
            Interlocked.Increment(ref _authentications);
        }
        else
        {
            Interlocked.Increment(ref _authorizations);
        }
    }
}
