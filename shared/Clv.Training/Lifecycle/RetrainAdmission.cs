using Clv.Contracts.ModelLifecycle;

namespace Clv.Training.Lifecycle;

/// <summary>
/// Decides whether a retrain request taken from the queue is still worth a training: one past its deadline is
/// dropped, and one made before a training of the same history started on this instance is coalesced into it
/// (that training already covers what the request asked for). So requests that piled up while training was
/// slower than the schedule, or while the trainer was down, cost one training, not one each.
/// </summary>
public sealed class RetrainAdmission
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Source, DateTimeOffset? CalibrationEnd), DateTimeOffset> _lastStarted = [];

    /// <summary>Null when the request should train now (and records that start); else why it is skipped.</summary>
    public string? Admit(RetrainRequested request, string source, DateTimeOffset now)
    {
        if (request.Deadline is { } deadline && deadline < now)
        {
            return $"expired: its deadline {deadline:O} passed before a trainer took it";
        }

        var key = (source, request.CalibrationEnd);
        lock (_gate)
        {
            if (_lastStarted.TryGetValue(key, out var started) && request.RequestedAt <= started)
            {
                return $"coalesced: a training of {source} started at {started:O}, after this request was made";
            }

            _lastStarted[key] = now;
            return null;
        }
    }
}
