using Clv.Model;
using Clv.ModelLifecycle;
using Clv.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Clv.Development.LoadHarness;

/// <summary>
/// The workers as the services register them (<see cref="WorkersExtensions.AddWorkerComponents"/>), over the
/// harness's Redis connection and model instead of the configured ones; the harness gives each handler its own
/// in-process producer through <see cref="Clv.Workers.Pipeline.WorkerHandlers"/>. No consume loop is started:
/// the harness drives the handlers itself. Settings are the <c>Workers</c> section's defaults unless given,
/// validated as in a service.
/// </summary>
public static class HarnessServices
{
    public static ServiceProvider Build(IConnectionMultiplexer redis, MtlLstmModel model, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        // What a service gets from AddClvDefaults and Workers:ModelPath; the workers keep a model registered before them.
        builder.Services.AddSingleton(redis);
        builder.Services.AddSingleton(new ActiveModel(model));
        builder.AddWorkerComponents();
        return builder.Services.BuildServiceProvider();
    }
}
