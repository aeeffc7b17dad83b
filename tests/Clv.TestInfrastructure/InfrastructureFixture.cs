using DotNet.Testcontainers.Containers;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Clv.TestInfrastructure;

/// <summary>
/// The choice every fixture makes, in one place: an address from the environment, else
/// Testcontainers when a Docker engine answers, else a local server; then it waits until the
/// backend answers and says which one it used. The xunit diagnostic message is what the runner
/// prints (<c>diagnosticMessages: true</c> in the xunit.runner.json that Clv.TestInfrastructure
/// ships to every test project referencing it).
/// </summary>
public abstract class InfrastructureFixture(IMessageSink sink, string service, string environmentVariable) : IAsyncLifetime
{
    private IContainer? _container;

    /// <summary>What the fixture runs against, without secrets (also printed in the test output).</summary>
    public string Backend { get; private set; } = string.Empty;

    /// <summary>The server process this fixture started, if it started one.</summary>
    protected LocalServerProcess? LocalServer { get; private set; }

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(environmentVariable);
        Backend = !string.IsNullOrWhiteSpace(configured) ? UseConfigured(configured)
            : DockerEngine.Answers ? await StartContainerAsync()
            : StartLocal();
        await WaitUntilReadyAsync();
        sink.OnMessage(new DiagnosticMessage($"[clv-test-infra] {service}: {Backend}"));
    }

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
        LocalServer?.Dispose();
        await ReleaseAsync();
    }

    /// <summary>Takes the address given in the environment; returns the backend description.</summary>
    protected abstract string UseConfigured(string address);

    /// <summary>Starts a container (through <see cref="Run{TContainer}"/>); returns the backend description.</summary>
    protected abstract Task<string> StartContainerAsync();

    /// <summary>Starts the local fallback (through <see cref="Launch"/> when it is a process); returns the backend description.</summary>
    protected abstract string StartLocal();

    protected virtual Task WaitUntilReadyAsync() => Task.CompletedTask;

    /// <summary>Releases what the fixture holds besides its container and server process (after those stopped).</summary>
    protected virtual Task ReleaseAsync() => Task.CompletedTask;

    protected async Task<TContainer> Run<TContainer>(TContainer container) where TContainer : IContainer
    {
        _container = container;
        await container.StartAsync();
        return container;
    }

    protected LocalServerProcess Launch(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        LocalServer = LocalServerProcess.Start(executable, arguments, environment);

    protected InvalidOperationException Missing(string executable) =>
        new($"No {service}: set {environmentVariable}, start a Docker engine, or install {executable}.");

    /// <summary>Whether a readiness loop should try again: time is left and the local server (if any) still runs.</summary>
    protected bool MayRetry(DateTime deadline) => DateTime.UtcNow < deadline && LocalServer?.HasExited != true;
}
