using Clv.Development.Embedded;
using Clv.Workers.Redis;
using StackExchange.Redis;

namespace Clv.EndToEnd.Tests;

/// <summary>The standalone host's embedded Garnet, started once for a test class, with the workers' scripts loaded.</summary>
public sealed class GarnetFixture : IAsyncLifetime
{
    private EmbeddedGarnet? _garnet;
    private ConnectionMultiplexer? _connection;

    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("GarnetFixture is not initialized");

    public async Task InitializeAsync()
    {
        _garnet = EmbeddedGarnet.Start();
        _connection = await ConnectionMultiplexer.ConnectAsync(_garnet.ConnectionString);
        // The workers load their scripts on NOSCRIPT and retry the batch; tests call them once, so load up front.
        await WorkerScripts.LoadAllAsync(_connection);
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
        _garnet?.Dispose();
    }
}
