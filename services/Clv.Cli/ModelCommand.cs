using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Clv.Contracts.ModelLifecycle;
using Clv.Hosting.Bus;
using Clv.Hosting.Redis;
using Clv.ModelLifecycle;
using MassTransit;
using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Spectre.Console;
using StackExchange.Redis;

namespace Clv.Cli;

/// <summary>
/// <c>clv model list|promote|rollback</c>: the operator's view of the model store. Promote and rollback change the
/// store's active version (what every replica loads when it starts) and, when RabbitMQ is configured, publish
/// ModelPublished / RollbackRequested so running replicas switch now. The bus is checked before the store
/// changes, and a publication that fails anyway puts the store back. Exit code 2 when the store or the bus cannot
/// be reached or the version is unknown (nothing changed), 1 when publishing failed (the store restored).
/// </summary>
public sealed class ModelCommand : Command
{
    private readonly Option<string?> _redis = new("--redis")
    {
        Description = "Redis configuration string (default: Redis__ConnectionString, with Redis__Password and Redis__UseTls; else localhost:6379)",
        Recursive = true,
    };

    private readonly Option<string?> _rabbitMq = new("--rabbitmq")
    {
        Description = "amqp:// URI of the control-plane bus (default: RabbitMq__Uri); without one only the store changes",
        Recursive = true,
    };

    private readonly Option<string> _keyPrefix = new("--key-prefix")
    {
        Description = "Model store key prefix (ModelStore__KeyPrefix)",
        DefaultValueFactory = _ => new ModelStoreOptions().KeyPrefix,
        Recursive = true,
    };

    private static readonly TimeSpan BusTimeout = TimeSpan.FromSeconds(10);

    private readonly IAnsiConsole _console;

    public ModelCommand(IAnsiConsole? console = null)
        : base("model", "List, promote and roll back model versions")
    {
        _console = console ?? CliConsole.Create();
        Options.Add(_redis);
        Options.Add(_rabbitMq);
        Options.Add(_keyPrefix);

        var json = new Option<bool>("--json") { Description = "Print the versions as JSON (with an \"active\" flag) instead of a table" };
        var list = new Command("list", "Every stored version with its checksum, holdout metrics and verdict; * marks the active one") { json };
        list.SetAction((parse, _) => ListAsync(parse, parse.GetValue(json)));
        Subcommands.Add(list);

        var version = new Argument<string>("version") { Description = "The version to make active, e.g. v7" };
        var promote = new Command("promote", "Make a stored version active on every replica") { version };
        promote.SetAction((parse, cancellationToken) => PromoteAsync(parse, parse.GetValue(version)!, cancellationToken));
        Subcommands.Add(promote);

        var to = new Option<string?>("--to") { Description = "Version to return to (default: the previously active one)" };
        var rollback = new Command("rollback", "Return every replica to the previously active version, or to --to") { to };
        rollback.SetAction((parse, cancellationToken) => RollbackAsync(parse, parse.GetValue(to), cancellationToken));
        Subcommands.Add(rollback);
    }

    private async Task<int> ListAsync(ParseResult parse, bool json)
    {
        await using var redis = await ConnectAsync(parse);
        if (redis is null)
        {
            return 2;
        }

        var store = Store(parse, redis);
        var active = await store.GetActiveVersionAsync();
        if (json)
        {
            var versions = (await store.ListAsync()).Select(info => new
            {
                info.Version, Active = info.Version == active, Kind = info.Kind.ToString(), info.CreatedAt, info.Sha256, info.SizeBytes,
                Decision = info.Decision.ToString(), info.Reason, info.Metrics,
            });
            _console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(versions, CliJson.Options));
            return 0;
        }

        var table = new Table().AddColumns("", "version", "kind", "created (UTC)", "sha-256", "churn AUC", "spend MAE", "decision", "reason");
        foreach (var info in await store.ListAsync())
        {
            table.AddRow(
                info.Version == active ? "*" : "",
                info.Version,
                info.Kind.ToString(),
                info.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                info.Sha256[..12],
                Metric(info, "churn_auc", "F4"),
                Metric(info, "spend_mae", "F2"),
                info.Decision.ToString(),
                Markup.Escape(info.Reason));
        }

        _console.Write(table);
        _console.WriteLine(active is null ? "no active version" : $"active: {active}");
        return 0;
    }

    private async Task<int> PromoteAsync(ParseResult parse, string version, CancellationToken cancellationToken)
    {
        await using var redis = await ConnectAsync(parse);
        if (redis is null)
        {
            return 2;
        }

        var store = Store(parse, redis);
        if (await store.GetInfoAsync(version) is not { } info)
        {
            _console.MarkupLineInterpolated($"[red]no version {version} in the model store[/]");
            return 2;
        }

        var busUri = BusUri(parse);
        if (busUri is not null && !await CanReachBusAsync(busUri, cancellationToken))
        {
            return 2;
        }

        var previous = await store.GetActiveVersionAsync();
        var reason = $"promoted by an operator (clv model promote, {Environment.UserName})";
        await store.ActivateAsync(version, reason);
        _console.WriteLine($"{version} is the active version in the store");
        return await PublishOrUndoAsync(store, busUri, previous, new ModelPublished(version, info.Sha256, DateTimeOffset.UtcNow, reason), cancellationToken);
    }

    private async Task<int> RollbackAsync(ParseResult parse, string? to, CancellationToken cancellationToken)
    {
        await using var redis = await ConnectAsync(parse);
        if (redis is null)
        {
            return 2;
        }

        var store = Store(parse, redis);
        if (to is not null && await store.GetInfoAsync(to) is null)
        {
            _console.MarkupLineInterpolated($"[red]no version {to} in the model store[/]");
            return 2;
        }

        var busUri = BusUri(parse);
        if (busUri is not null && !await CanReachBusAsync(busUri, cancellationToken))
        {
            return 2;
        }

        var previous = await store.GetActiveVersionAsync();
        string target;
        try
        {
            target = await store.RollbackAsync(to, $"clv model rollback ({Environment.UserName})");
        }
        catch (InvalidOperationException e)
        {
            _console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 2;
        }

        _console.WriteLine($"{target} is the active version in the store");
        // The resolved version goes out, not "previous": replicas that diverged still converge on the store's choice.
        return await PublishOrUndoAsync(store, busUri, previous, new RollbackRequested(Environment.UserName, target, DateTimeOffset.UtcNow), cancellationToken);
    }

    private Uri? BusUri(ParseResult parse) =>
        (parse.GetValue(_rabbitMq) ?? EnvironmentSettings()["RabbitMq:Uri"]) is { Length: > 0 } uri ? new Uri(uri) : null;

    /// <summary>
    /// Opens and closes one AMQP connection with the command's credentials before anything changes, so a wrong
    /// password or an unreachable broker leaves the store as it was (the store and the replicas never disagree).
    /// </summary>
    private async Task<bool> CanReachBusAsync(Uri uri, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = uri, RequestedConnectionTimeout = BusTimeout, AutomaticRecoveryEnabled = false };
        try
        {
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            await connection.CloseAsync(cancellationToken);
            return true;
        }
        catch (BrokerUnreachableException e)
        {
            _console.MarkupLineInterpolated($"[red]cannot reach the control-plane bus at {new RabbitMqOptions { Uri = uri.ToString() }}:[/] {(e.InnerException ?? e).Message}");
            _console.WriteLine("nothing was changed");
            return false;
        }
    }

    /// <summary>Publishes the change; if that fails after all, puts the store back to <paramref name="previous"/> and says so.</summary>
    private async Task<int> PublishOrUndoAsync<T>(ModelStore store, Uri? busUri, string? previous, T message, CancellationToken cancellationToken)
        where T : class
    {
        if (busUri is null)
        {
            _console.WriteLine("no RabbitMQ URI (--rabbitmq or RabbitMq__Uri): running replicas switch when they restart");
            return 0;
        }

        var bus = Bus.Factory.CreateUsingRabbitMq(transport => transport.Host(busUri));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(BusTimeout);
            await bus.StartAsync(timeout.Token);
            await bus.Publish(message, timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (previous is not null)
            {
                await store.ActivateAsync(previous, $"restored by clv model: publishing {typeof(T).Name} failed ({e.Message})");
            }

            _console.MarkupLineInterpolated($"[red]publishing {typeof(T).Name} failed:[/] {e.Message}");
            _console.WriteLine(previous is null ? "the store keeps the new version; no version was active before" : $"{previous} is the active version in the store again");
            return 1;
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }

        _console.WriteLine($"published {typeof(T).Name} to {new RabbitMqOptions { Uri = busUri.ToString() }}");
        return 0;
    }

    private async Task<ConnectionMultiplexer?> ConnectAsync(ParseResult parse)
    {
        var options = new RedisOptions();
        EnvironmentSettings().GetSection(RedisOptions.Section).Bind(options);
        options.ConnectionString = parse.GetValue(_redis) ?? (options.IsConfigured ? options.ConnectionString : "localhost:6379");
        var configuration = options.ToConfigurationOptions();
        configuration.AbortOnConnectFail = true;
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(configuration);
        }
        catch (RedisConnectionException e)
        {
            _console.MarkupLineInterpolated($"[red]cannot reach the model store:[/] {e.Message}");
            return null;
        }
    }

    private ModelStore Store(ParseResult parse, IConnectionMultiplexer redis) =>
        new(redis, new ModelStoreOptions { KeyPrefix = parse.GetValue(_keyPrefix)! });

    private static IConfiguration EnvironmentSettings() => new ConfigurationBuilder().AddEnvironmentVariables().Build();

    private static string Metric(ModelVersionInfo info, string name, string format) =>
        info.Metrics.TryGetValue(name, out var value) ? value.ToString(format, CultureInfo.InvariantCulture) : "";
}
