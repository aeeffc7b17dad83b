using Clv.Hosting.Telemetry;
using Clv.Model;

namespace Clv.ModelLifecycle;

/// <summary>
/// The model this process scores with, swapped atomically as a whole: a reader gets either the old or the
/// new instance, never a mix (a model is immutable once built). The scorer reads it once per batch, so every
/// event of a batch is scored by one version, and each update names that version.
/// </summary>
public sealed class ActiveModel
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ScoringModel? _current;

    public ActiveModel()
    {
    }

    public ActiveModel(ScoringModel initial) => Swap(initial);

    /// <summary>True once a model has been set (readiness waits for it).</summary>
    public bool IsLoaded => Volatile.Read(ref _current) is not null;

    /// <summary>Completes once a model has been set (a worker that scores waits for it before it consumes).</summary>
    public Task WhenLoaded => _loaded.Task;

    /// <summary>The current model.</summary>
    /// <exception cref="InvalidOperationException">No model has been set yet.</exception>
    public ScoringModel Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("No model is active yet.");

    /// <summary>Makes <paramref name="next"/> the model of every batch that starts from now on; returns the one it replaced.</summary>
    public ScoringModel? Swap(ScoringModel next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var previous = Interlocked.Exchange(ref _current, next);
        ClvTelemetry.ActiveModelVersion = next.Version;
        _loaded.TrySetResult();
        return previous;
    }
}
