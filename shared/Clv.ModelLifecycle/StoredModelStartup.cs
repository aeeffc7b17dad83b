using Microsoft.Extensions.Hosting;

namespace Clv.ModelLifecycle;

/// <summary>
/// Loads the store's active version when a scorer replica starts, so a replica that missed the
/// ModelPublished (it was not running) serves the same version as the others.
/// </summary>
public sealed class StoredModelStartup(ModelActivator activator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => activator.ActivateStoredAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
