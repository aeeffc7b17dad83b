using Clv.Model;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Clv.Hosting.Redis;
using StackExchange.Redis;

namespace Clv.ModelLifecycle;

/// <summary>
/// Versioned model weights in Redis with their SHA-256 and metadata, the active-version pointer and the
/// activation history that rollback walks back. Key layout (every key under one hash tag, so one slot):
/// <c>{prefix}:seq</c> version counter, <c>{prefix}:versions</c> sorted set of versions by creation order,
/// <c>{prefix}:weights:{v}</c> the weights blob, <c>{prefix}:meta:{v}</c> a hash of metadata,
/// <c>{prefix}:active</c> the active version, <c>{prefix}:history</c> previously active versions, newest first.
/// </summary>
public sealed class ModelStore
{
    // KEYS[1] active, KEYS[2] history, KEYS[3] meta of the version to activate.
    // One script so the pointer and the history can never disagree, even with two operators at once.
    private static readonly RedisScript ActivateScript = new("""
        if redis.call('EXISTS', KEYS[3]) == 0 then return redis.error_reply('unknown model version ' .. ARGV[1]) end
        local current = redis.call('GET', KEYS[1])
        if current == ARGV[1] then return 0 end
        if current then
          redis.call('LPUSH', KEYS[2], current)
          redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[2]) - 1)
        end
        redis.call('SET', KEYS[1], ARGV[1])
        return 1
        """);

    // KEYS[1] active, KEYS[2] history. Pops the newest previously active version and makes it active,
    // atomically, so two concurrent rollbacks step back twice instead of both landing on the same version.
    private static readonly RedisScript RollbackScript = new("""
        local previous = redis.call('LPOP', KEYS[2])
        if not previous then return false end
        local current = redis.call('GET', KEYS[1])
        redis.call('SET', KEYS[1], previous)
        return { previous, current or '' }
        """);

    private readonly IDatabase _db;
    private readonly ModelStoreOptions _options;
    private readonly RedisKey _seqKey;
    private readonly RedisKey _versionsKey;
    private readonly RedisKey _activeKey;
    private readonly RedisKey _historyKey;

    public ModelStore(IConnectionMultiplexer redis, ModelStoreOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.KeepVersions, 1);
        _db = redis.GetDatabase();
        _options = options;
        _seqKey = options.KeyPrefix + ":seq";
        _versionsKey = options.KeyPrefix + ":versions";
        _activeKey = options.KeyPrefix + ":active";
        _historyKey = options.KeyPrefix + ":history";
    }

    /// <summary>Reserves the next version name (v1, v2, ...) so a trainer can write it into the weights before saving.</summary>
    public async Task<string> ReserveVersionAsync()
    {
        var n = await _db.StringIncrementAsync(_seqKey).ConfigureAwait(false);
        return "v" + n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Stores a version's weights and metadata, then deletes versions beyond the retention (never the active one).</summary>
    public async Task<ModelVersionInfo> SaveAsync(
        string version,
        ReadOnlyMemory<byte> weights,
        IReadOnlyDictionary<string, double> metrics,
        ModelDecision decision,
        string reason,
        ModelKind kind = ModelKind.MtlLstm)
    {
        var info = new ModelVersionInfo(
            version,
            Sha256Hex(weights.Span),
            weights.Length,
            DateTimeOffset.UtcNow,
            metrics,
            decision,
            reason,
            kind);
        var order = await _db.StringIncrementAsync(_seqKey, 0).ConfigureAwait(false);
        var tx = _db.CreateTransaction();
        _ = tx.StringSetAsync(WeightsKey(version), weights);
        _ = tx.HashSetAsync(MetaKey(version), ToHash(info));
        _ = tx.SortedSetAddAsync(_versionsKey, version, order);
        if (!await tx.ExecuteAsync().ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Storing model version {version} did not commit.");
        }

        await PruneAsync().ConfigureAwait(false);
        return info;
    }

    /// <summary>The stored weights of a version, or null when the store does not have it.</summary>
    public async Task<byte[]?> GetWeightsAsync(string version) =>
        (byte[]?)await _db.StringGetAsync(WeightsKey(version)).ConfigureAwait(false);

    /// <summary>The metadata of a version, or null when the store does not have it.</summary>
    public async Task<ModelVersionInfo?> GetInfoAsync(string version)
    {
        var fields = await _db.HashGetAllAsync(MetaKey(version)).ConfigureAwait(false);
        return fields.Length == 0 ? null : FromHash(version, fields);
    }

    /// <summary>Every stored version, oldest first.</summary>
    public async Task<IReadOnlyList<ModelVersionInfo>> ListAsync()
    {
        var versions = await _db.SortedSetRangeByRankAsync(_versionsKey).ConfigureAwait(false);
        var batch = _db.CreateBatch();
        var reads = new Task<HashEntry[]>[versions.Length];
        for (var i = 0; i < versions.Length; i++)
        {
            reads[i] = batch.HashGetAllAsync(MetaKey(versions[i]!));
        }

        batch.Execute();
        var infos = new List<ModelVersionInfo>(versions.Length);
        for (var i = 0; i < versions.Length; i++)
        {
            var fields = await reads[i].ConfigureAwait(false);
            if (fields.Length > 0)
            {
                infos.Add(FromHash(versions[i]!, fields));
            }
        }

        return infos;
    }

    /// <summary>The version scorers should serve, or null before the first promotion.</summary>
    public async Task<string?> GetActiveVersionAsync() =>
        await _db.StringGetAsync(_activeKey).ConfigureAwait(false);

    /// <summary>Previously active versions, newest first: the path a rollback walks back.</summary>
    public async Task<IReadOnlyList<string>> GetHistoryAsync()
    {
        var entries = await _db.ListRangeAsync(_historyKey).ConfigureAwait(false);
        var history = new string[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            history[i] = entries[i]!;
        }

        return history;
    }

    /// <summary>Makes a stored version the active one (the previous one goes on the rollback history) and records why.</summary>
    public async Task ActivateAsync(string version, string reason)
    {
        await EvaluateAsync(ActivateScript, [_activeKey, _historyKey, MetaKey(version)], [version, _options.KeepVersions]).ConfigureAwait(false);
        await SetDecisionAsync(version, ModelDecision.Promoted, reason).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes the previously active version active again (or <paramref name="toVersion"/> when given) and
    /// returns the version now active. Throws when there is nothing to roll back to.
    /// </summary>
    public async Task<string> RollbackAsync(string? toVersion, string requestedBy)
    {
        if (toVersion is not null)
        {
            var current = await GetActiveVersionAsync().ConfigureAwait(false);
            await ActivateAsync(toVersion, $"rolled back to by {requestedBy}").ConfigureAwait(false);
            await MarkRolledBackAsync(current, toVersion, requestedBy).ConfigureAwait(false);
            return toVersion;
        }

        var result = await EvaluateAsync(RollbackScript, [_activeKey, _historyKey], []).ConfigureAwait(false);
        if (result.IsNull)
        {
            throw new InvalidOperationException("No previous model version to roll back to.");
        }

        var pair = (string[])result!;
        await SetDecisionAsync(pair[0], ModelDecision.Promoted, $"rolled back to by {requestedBy}").ConfigureAwait(false);
        await MarkRolledBackAsync(pair[1].Length == 0 ? null : pair[1], pair[0], requestedBy).ConfigureAwait(false);
        return pair[0];
    }

    /// <summary>Records a verdict on a stored version (the trainer's evaluation, an operator's action).</summary>
    public Task SetDecisionAsync(string version, ModelDecision decision, string reason) =>
        _db.HashSetAsync(MetaKey(version), [new("decision", decision.ToString()), new("reason", reason)]);

    /// <summary>Lowercase hex SHA-256, the form ModelPublished carries and replicas compare against.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private Task MarkRolledBackAsync(string? from, string to, string requestedBy) =>
        from is null || from == to
            ? Task.CompletedTask
            : SetDecisionAsync(from, ModelDecision.RolledBack, $"replaced by {to} in a rollback by {requestedBy}");

    private async Task PruneAsync()
    {
        var stale = await _db.SortedSetRangeByRankAsync(_versionsKey, 0, -(_options.KeepVersions + 1)).ConfigureAwait(false);
        foreach (var entry in stale)
        {
            string version = entry!;
            var tx = _db.CreateTransaction();
            // The active version stays whatever its age: deleting it would leave new replicas nothing to load.
            tx.AddCondition(Condition.StringNotEqual(_activeKey, version));
            _ = tx.KeyDeleteAsync([WeightsKey(version), MetaKey(version)]);
            _ = tx.SortedSetRemoveAsync(_versionsKey, version);
            _ = tx.ListRemoveAsync(_historyKey, version);
            await tx.ExecuteAsync().ConfigureAwait(false);
        }
    }

    private RedisKey WeightsKey(string version) => _options.KeyPrefix + ":weights:" + version;

    private RedisKey MetaKey(string version) => _options.KeyPrefix + ":meta:" + version;

    private static HashEntry[] ToHash(ModelVersionInfo info) =>
    [
        new("sha256", info.Sha256),
        new("size", info.SizeBytes),
        new("created_at", info.CreatedAt.ToString("O", CultureInfo.InvariantCulture)),
        new("metrics", JsonSerializer.Serialize(info.Metrics)),
        new("decision", info.Decision.ToString()),
        new("reason", info.Reason),
        new("kind", info.Kind.ToString()),
    ];

    private static ModelVersionInfo FromHash(string version, HashEntry[] fields)
    {
        var map = new Dictionary<string, RedisValue>(fields.Length);
        foreach (var field in fields)
        {
            map[field.Name!] = field.Value;
        }

        return new ModelVersionInfo(
            version,
            map["sha256"]!,
            (long)map["size"],
            DateTimeOffset.Parse(map["created_at"]!, CultureInfo.InvariantCulture),
            JsonSerializer.Deserialize<Dictionary<string, double>>((string)map["metrics"]!) ?? [],
            Enum.Parse<ModelDecision>(map["decision"]!),
            map["reason"]!,
            map.TryGetValue("kind", out var kind) && Enum.TryParse<ModelKind>(kind!, out var parsed) ? parsed : ModelKind.MtlLstm);
    }

    // A store call is one operator action, not a batch: after the script was reloaded (NOSCRIPT) it is simply called again.
    private async Task<RedisResult> EvaluateAsync(RedisScript script, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            return await script.EvaluateAsync(_db, keys, args).ConfigureAwait(false);
        }
        catch (ScriptReloadedException)
        {
            return await script.EvaluateAsync(_db, keys, args).ConfigureAwait(false);
        }
    }
}
