using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Clv.Workers.Redis;

/// <summary>
/// A Lua script called by SHA (EVALSHA). A server that does not know it yet (first call, restart, another
/// cluster node) answers NOSCRIPT, and that one call falls back to EVAL, which also caches it there.
/// </summary>
public sealed class RedisScript
{
    private readonly string _source;
    private readonly byte[] _sha1;

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
            return await db.ScriptEvaluateAsync(_source, keys, args).ConfigureAwait(false);
        }
    }
}
