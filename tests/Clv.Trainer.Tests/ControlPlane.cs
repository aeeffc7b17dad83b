using Clv.Hosting;
using Clv.TestInfrastructure;
using Clv.ModelLifecycle;
using Clv.Workers;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Clv.Trainer.Tests;

/// <summary>
/// A control plane on the real RabbitMQ and Redis: scorer replicas wired exactly as a service wires them
/// (AddModelActivation + AddClvBus), each in its own host and bus, and an operator bus that publishes
/// commands and collects the replicas' answers. Names are unique per instance, so tests never hear
/// each other.
/// </summary>
public sealed class ControlPlane : IAsyncDisposable
{
    private readonly RabbitMqFixture _rabbit;
    private readonly IConnectionMultiplexer _redis;
    private readonly ModelStoreOptions _storeOptions = TestModels.StoreOptions();
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly List<IHost> _hosts = [];
    private IHost? _operator;

    public ControlPlane(RabbitMqFixture rabbit, RedisFixture redis)
    {
        _rabbit = rabbit;
        _redis = redis.Connection;
        Store = new ModelStore(_redis, _storeOptions);
    }

    public ModelStore Store { get; }

    public string StoreKeyPrefix => _storeOptions.KeyPrefix;

    public ReplicaAnswers Answers { get; } = new();

    public IBus Bus => _operator?.Services.GetRequiredService<IBus>() ?? throw new InvalidOperationException("Call StartAsync first.");

    public async Task StartAsync()
    {
        _operator = await StartHostAsync($"operator-{_id}", (services, configuration) =>
        {
            services.AddSingleton(Answers);
            services.AddClvBus(configuration, bus =>
                bus.AddConsumer<ReplicaAnswersConsumer>().Endpoint(e =>
                {
                    e.Name = $"clv-test-answers-{_id}";
                    e.Temporary = true;
                }));
        });
    }

    /// <summary>
    /// Starts a scorer replica's model control; it loads the store's active version before this returns.
    /// Given <paramref name="scorersModel"/>, it swaps the model a scorer host serves (as one process would).
    /// </summary>
    public async Task<string> StartReplicaAsync(string name, ActiveModel? scorersModel = null)
    {
        var replicaId = $"{name}-{_id}";
        await StartHostAsync(replicaId, (services, configuration) =>
        {
            if (scorersModel is not null)
            {
                services.AddSingleton(scorersModel);
            }

            services.AddModelActivation(configuration);
            services.AddClvBus(configuration, bus => bus.AddModelActivation(configuration.ReplicaId()));
        });
        return replicaId;
    }

    public ActiveModel ActiveModelOf(string replicaId) =>
        _hosts.Single(h => h.Services.GetRequiredService<IConfiguration>().ReplicaId() == replicaId).Services.GetRequiredService<ActiveModel>();

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    private IConfiguration Configuration(string replicaId) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RabbitMq:Uri"] = _rabbit.Uri.ToString(),
            [$"{ModelActivationOptions.Section}:ReplicaId"] = replicaId,
            [$"{ModelStoreOptions.Section}:KeyPrefix"] = _storeOptions.KeyPrefix,
        })
        .Build();

    private async Task<IHost> StartHostAsync(string replicaId, Action<IServiceCollection, IConfiguration> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(Configuration(replicaId));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(_redis);
        // The bus's queues must exist before anyone publishes to them.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        configure(builder.Services, builder.Configuration);
        var host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }
}
