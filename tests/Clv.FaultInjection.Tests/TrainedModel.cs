using Clv.ModelLifecycle;

namespace Clv.FaultInjection.Tests;

/// <summary>
/// A model trained by the built Clv.Trainer (a process of its own, small shape and few epochs on CDNOW_sample so it
/// trains in seconds), read from the model store it promoted it into.
/// </summary>
public static class TrainedModel
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly Lock Gate = new();
    private static Task<byte[]>? _shared;

    /// <summary>One training shared by the tests that only need some model.</summary>
    public static Task<byte[]> SharedAsync(Uri rabbitMq)
    {
        lock (Gate)
        {
            return _shared ??= TrainAsync(rabbitMq, killMidTraining: false);
        }
    }

    /// <summary>Runs the trainer until it promotes a model; with <paramref name="killMidTraining"/> it is SIGKILLed once training has started, and started again.</summary>
    public static async Task<byte[]> TrainAsync(Uri rabbitMq, bool killMidTraining)
    {
        await using var stack = await PipelineProcesses.StartAsync(rabbitMq, partitions: 1);
        var trainer = stack.Start("services/Clv.Trainer", new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Information",
            ["Trainer__Source"] = Path.Combine(BuiltProgram.RepositoryRoot, "data/cdnow/CDNOW_sample.txt"),
            ["Trainer__TrainWhenStoreEmpty"] = "true",
            ["Trainer__HiddenSize"] = "8",
            ["Trainer__DenseSize"] = "8",
            ["Trainer__MaxEpochs"] = "2",
            ["Trainer__EvaluateBaseline"] = "false",
            ["Trainer__ModelKinds__0"] = "MtlLstm", // the tests install it as an LSTM
        });
        if (killMidTraining)
        {
            await WaitForAsync(() => Task.FromResult(trainer.OutputTail.Contains("Retrain requested", StringComparison.Ordinal)), "the trainer to start training", stack);
            trainer.Kill();
            trainer.Start();
        }

        var store = new ModelStore(stack.Connection, new ModelStoreOptions());
        await WaitForAsync(async () => await store.GetActiveVersionAsync() is not null, "a promoted model", stack);
        return (await store.GetWeightsAsync((await store.GetActiveVersionAsync())!))!;
    }

    private static async Task WaitForAsync(Func<Task<bool>> done, string what, PipelineProcesses stack)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {Timeout} waiting for {what}.{Environment.NewLine}{stack.Output()}");
            }

            await Task.Delay(200);
        }
    }
}
