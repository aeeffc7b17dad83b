using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Clv.Hosting.Redis;

/// <summary>
/// A Lua script called by SHA (EVALSHA). A server that does not know it (first use, restart, failover) answers
/// NOSCRIPT; the script is then loaded on every server and the call fails with
/// <see cref="ScriptReloadedException"/>, which the workers' consume loop treats as retriable: the batch is retried as a
/// whole, in order. (Falling back to EVAL per call would let two pipelined calls of one customer race and
/// apply out of order.)
/// </summary>
public sealed class RedisScript
{
    private readonly string _source;
    private readonly byte[] _sha1;
    private readonly Lock _gate = new();
    private Task? _loading;
    private IConnectionMultiplexer? _loadingOn;

    public RedisScript(string source)
    {
        _source = source;
        _sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(source));
    }

    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync db, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            return await db.ScriptEvaluateAsync(_sha1, keys, args).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            await LoadAsync(db.Multiplexer).ConfigureAwait(false);
            throw new ScriptReloadedException(e);
        }
    }

    /// <summary>
    /// Loads the script on every primary. A batch of failed calls shares one load; a load for another connection
    /// (another server: two harnesses or tests in one process) is never taken for this one's.
    /// </summary>
    public Task LoadAsync(IConnectionMultiplexer redis)
    {
        lock (_gate)
        {
            if (_loading is { IsCompleted: false } && ReferenceEquals(_loadingOn, redis))
            {
                return _loading;
            }

            _loadingOn = redis;
            return _loading = LoadEverywhereAsync(redis);
        }
    }

    private async Task LoadEverywhereAsync(IConnectionMultiplexer redis)
    {
        foreach (var server in redis.GetServers())
        {
            if (server.IsConnected && !server.IsReplica)
            {
                await server.ScriptLoadAsync(_source).ConfigureAwait(false);
            }
        }
    }
}
