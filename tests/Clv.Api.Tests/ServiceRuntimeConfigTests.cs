using System.Text.Json;

namespace Clv.Api.Tests;

/// <summary>
/// The runtime settings the API service starts with (its runtimeconfig.json, which the build copies beside the tests:
/// what `dotnet Clv.Api.dll` reads), each chosen by measurement on 2 cores shared with the scorers.
/// </summary>
public sealed class ServiceRuntimeConfigTests
{
    /// <summary>Lookups paced at about 5,000/s had p99 1.2-1.5 ms with the workstation collector against 2.1-2.6 ms with the server collector the web SDK chooses by default.</summary>
    [Fact]
    public void TheApiService_StartsWithTheWorkstationCollector()
    {
        Assert.False(ConfigProperty("System.GC.Server").GetBoolean());
    }

    /// <summary>Idle thread-pool workers block at once rather than spin: paced at about 5,000/s the spinning was about half of the service's CPU.</summary>
    [Fact]
    public void TheApiService_StartsWithThreadPoolSpinningOff()
    {
        Assert.Equal(0, ConfigProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }

    private static JsonElement ConfigProperty(string name)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Clv.Api.runtimeconfig.json")));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty(name).Clone();
    }
}
