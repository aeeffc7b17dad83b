using System.Collections.Concurrent;
using Clv.Contracts.ModelLifecycle;

namespace Clv.Trainer.Tests;

/// <summary>Every ModelActivated and ModelRejected the test's listener received, in arrival order.</summary>
public sealed class ReplicaAnswers
{
    private readonly ConcurrentQueue<object> _answers = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public void Add(object answer)
    {
        _answers.Enqueue(answer);
        _arrived.Release();
    }

    /// <summary>Waits until each replica has answered about <paramref name="version"/>; returns each one's answer.</summary>
    public async Task<IReadOnlyDictionary<string, object>> WaitForAsync(string version, params string[] replicas)
    {
        // A guard against a hang, not a timing assertion: activation takes milliseconds.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var answers = new Dictionary<string, object>();
            foreach (var answer in _answers)
            {
                var (answerVersion, replica) = answer switch
                {
                    ModelActivated a => (a.ModelVersion, a.ReplicaId),
                    ModelRejected r => (r.ModelVersion, r.ReplicaId),
                    _ => (string.Empty, string.Empty),
                };
                if (answerVersion == version && replicas.Contains(replica))
                {
                    answers[replica] = answer;
                }
            }

            if (answers.Count == replicas.Length)
            {
                return answers;
            }

            try
            {
                await _arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"Replicas {string.Join(", ", replicas)} did not all answer about {version}; answers so far: {string.Join("; ", _answers)}");
            }
        }
    }
}
