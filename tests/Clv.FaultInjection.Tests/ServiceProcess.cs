using Clv.TestInfrastructure;

namespace Clv.FaultInjection.Tests;

/// <summary>
/// One of the built services (<c>dotnet Clv.X.dll</c>) as a process of its own, configured through environment
/// variables as in a deployment; it can be killed with SIGKILL and started again with the same settings.
/// </summary>
public sealed class ServiceProcess(string project, IReadOnlyDictionary<string, string> environment) : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly int _healthPort = FreeTcpPort.Next();
    private LocalServerProcess? _process;

    public string Name { get; } = Path.GetFileName(project);

    public string OutputTail => _process?.OutputTail ?? string.Empty;

    public void Start()
    {
        var settings = new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_healthPort}" };
        _process = LocalServerProcess.Start("dotnet", [BuiltProgram.Dll(project)], settings);
    }

    /// <summary>SIGKILL to the process (no shutdown hooks run), as a node failure or the OOM killer would.</summary>
    public void Kill()
    {
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (partitions assigned, Redis answering, a model loaded).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"{Name} is not running. Last output:{Environment.NewLine}{OutputTail}");
            }

            try
            {
                using var response = await Http.GetAsync($"http://127.0.0.1:{_healthPort}/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not ready after {timeout}. Last output:{Environment.NewLine}{OutputTail}");
            }

            await Task.Delay(200);
        }
    }

    public void Dispose() => Kill();
}
