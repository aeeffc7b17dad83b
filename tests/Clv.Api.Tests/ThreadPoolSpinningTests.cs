using System.Text.Json;

namespace Clv.Api.Tests;

/// <summary>
/// The API service's idle thread-pool workers block at once rather than spin: with lookups paced at about 5,000/s
/// on 2 cores the spinning was about half of the service's CPU, taken from the scorers that share the machine.
/// </summary>
public sealed class ThreadPoolSpinningTests
{
    [Fact]
    public void TheApiService_StartsWithThreadPoolSpinningOff()
    {
        // The build copies the referenced service's runtimeconfig.json beside the tests: what `dotnet Clv.Api.dll` reads.
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Clv.Api.runtimeconfig.json")));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }
}
