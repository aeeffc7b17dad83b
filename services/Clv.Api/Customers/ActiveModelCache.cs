using Clv.Model;
using Clv.Model.Persistence;
using Clv.ModelLifecycle;

namespace Clv.Api.Customers;

/// <summary>
/// The store's active model, loaded once per version: history replays need the weights, and the active
/// version (one small read) tells when they changed.
/// </summary>
public sealed class ActiveModelCache(ModelStore store)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private ScoringModel? _model;

    /// <summary>The active model, or null when the store has none yet.</summary>
    public async Task<ScoringModel?> GetAsync()
    {
        var version = await store.GetActiveVersionAsync().ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var cached = Volatile.Read(ref _model);
        if (cached?.Version == version)
        {
            return cached;
        }

        await _loading.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_model?.Version != version && await store.GetWeightsAsync(version).ConfigureAwait(false) is { } weights)
            {
                Volatile.Write(ref _model, WeightsFile.ReadModel(weights));
            }

            return _model;
        }
        finally
        {
            _loading.Release();
        }
    }
}
