using StackExchange.Redis;

namespace Clv.TestInfrastructure;

/// <summary>
/// A Redis Cluster of its own with several primaries (no replicas), each an <see cref="AofRedisServer"/> in cluster
/// mode that owns an equal range of the 16,384 slots: for tests that restart one shard on an older copy of its AOF
/// while the others keep their writes. Each node's nodes.conf survives its restarts, so it rejoins with its slots.
/// </summary>
public sealed class AofRedisCluster : IDisposable
{
    private const int Slots = 16384;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private AofRedisCluster(IReadOnlyList<AofRedisServer> nodes) => Nodes = nodes;

    public IReadOnlyList<AofRedisServer> Nodes { get; }

    public string ConnectionString => string.Join(',', Nodes.Select(node => node.ConnectionString));

    public static async Task<AofRedisCluster> StartAsync(int primaries = 2)
    {
        var nodes = Enumerable.Range(0, primaries)
            .Select(_ => new AofRedisServer(
                "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                // Longer than a restart: the others never mark a restarting node failed.
                "--cluster-node-timeout", "60000"))
            .ToList();
        var cluster = new AofRedisCluster(nodes);
        try
        {
            await cluster.FormAsync();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>The node whose slot range includes <paramref name="key"/>'s slot (as <paramref name="connection"/> computes it).</summary>
    public AofRedisServer NodeOf(IConnectionMultiplexer connection, RedisKey key) => Nodes[connection.HashSlot(key) * Nodes.Count / Slots];

    /// <summary>Waits until every node reports <c>cluster_state:ok</c> (after a restart, once the node has loaded its AOF and rejoined).</summary>
    public async Task WaitUntilOkAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var node in Nodes)
        {
            while (!await IsOkAsync(node))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Redis Cluster node {node.ConnectionString} did not reach cluster_state:ok within {StartTimeout}");
                }

                await Task.Delay(100);
            }
        }
    }

    public void Dispose()
    {
        foreach (var node in Nodes)
        {
            node.Dispose();
        }
    }

    private async Task FormAsync()
    {
        for (var i = 0; i < Nodes.Count; i++)
        {
            await using var admin = await AofRedisServer.ConnectAsync(Nodes[i].ConnectionString + ",allowAdmin=true", timeoutMs: 5000);
            var server = admin.GetServer(Nodes[i].ConnectionString);
            await server.ExecuteAsync("CLUSTER", "ADDSLOTSRANGE", (i * Slots / Nodes.Count).ToString(), (((i + 1) * Slots / Nodes.Count) - 1).ToString());
            if (i > 0)
            {
                await server.ExecuteAsync("CLUSTER", "MEET", "127.0.0.1", Nodes[0].Port.ToString());
            }
        }

        await WaitUntilOkAsync();
    }

    private async Task<bool> IsOkAsync(AofRedisServer node)
    {
        try
        {
            await using var admin = await ConnectionMultiplexer.ConnectAsync($"{node.ConnectionString},allowAdmin=true,connectTimeout=1000,abortConnect=false");
            var info = (string?)await admin.GetServer(node.ConnectionString).ExecuteAsync("CLUSTER", "INFO");
            return info?.Contains("cluster_state:ok", StringComparison.Ordinal) == true
                && info.Contains($"cluster_known_nodes:{Nodes.Count}", StringComparison.Ordinal);
        }
        catch (RedisException)
        {
            return false;
        }
    }
}
