using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Clv.ModelLifecycle;

/// <summary>
/// A scorer replica's side of a model change: verify a version (<see cref="ModelVerifier"/>), then swap it
/// into <see cref="ActiveModel"/> in one atomic exchange, so a batch is scored wholly by the old or wholly
/// by the new model. A version that fails any check is refused and the current model keeps serving.
/// Changes are serialised: a publication and a rollback arriving together are applied one after the other.
/// </summary>
public sealed class ModelActivator(ModelVerifier verifier, ModelStore store, ActiveModel active, ILogger<ModelActivator> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Versions this replica served before its current one, newest on top: where a rollback without a
    // named version returns to.
    private readonly Stack<string> _previous = new();

    /// <summary>Verifies <paramref name="version"/> and makes it the active model.</summary>
    public async Task<ActivationOutcome> ActivateAsync(string version, string? expectedSha256, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SwapInAsync(version, expectedSha256, isRollback: false).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Goes back to <paramref name="toVersion"/>, or to the version this replica served before its current one.</summary>
    public async Task<ActivationOutcome> RollbackAsync(string? toVersion, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (toVersion is not null)
            {
                return await SwapInAsync(toVersion, expectedSha256: null, isRollback: false).ConfigureAwait(false);
            }

            return _previous.TryPeek(out var previous)
                ? await SwapInAsync(previous, expectedSha256: null, isRollback: true).ConfigureAwait(false)
                : Refuse(CurrentVersion() ?? "(none)", "rollback requested but this replica has served no earlier version");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>At start-up: activates the store's active version, if there is one.</summary>
    public async Task<ActivationOutcome?> ActivateStoredAsync(CancellationToken cancellationToken)
    {
        string? version;
        try
        {
            version = await store.GetActiveVersionAsync().ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            // Starting without it beats not starting: the next ModelPublished (or Workers:ModelPath) supplies a model.
            logger.LogWarning(e, "Could not read the store's active model version at start-up");
            return null;
        }

        return version is null ? null : await ActivateAsync(version, expectedSha256: null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ActivationOutcome> SwapInAsync(string version, string? expectedSha256, bool isRollback)
    {
        var current = CurrentVersion();
        if (current == version)
        {
            // A repeated publication (redelivery, or an operator re-promoting) is acknowledged, not re-verified.
            return ActivationOutcome.Success(version);
        }

        var verification = await verifier.VerifyAsync(version, expectedSha256).ConfigureAwait(false);
        if (verification.Model is null)
        {
            return Refuse(version, verification.Failure!);
        }

        active.Swap(verification.Model);
        if (isRollback)
        {
            _previous.Pop();
        }
        else if (current is not null)
        {
            _previous.Push(current);
        }

        logger.LogInformation("Model {Version} active (was {Previous}){Kind}", version, current ?? "none", isRollback ? " by rollback" : string.Empty);
        return ActivationOutcome.Success(version);
    }

    private ActivationOutcome Refuse(string version, string reason)
    {
        logger.LogWarning("Model {Version} refused, {Current} keeps serving: {Reason}", version, CurrentVersion() ?? "no model", reason);
        return ActivationOutcome.Refused(version, reason);
    }

    private string? CurrentVersion() => active.IsLoaded ? active.Current.Version : null;
}
