using Clv.Training;
using Microsoft.Extensions.Logging;

namespace Clv.Training.Lifecycle;

/// <summary>One log line per epoch, so a long retrain shows that it moves.</summary>
public sealed class TrainingProgressLog(ILogger logger, string version) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => logger.LogInformation(
        "Training {Version}: epoch {Epoch}/{MaxEpochs}, train loss {TrainLoss:F4}, validation loss {ValidationLoss:F4}, best epoch {BestEpoch}, {Elapsed:F1} s",
        version, value.Epoch, value.MaxEpochs, value.Train.Objective, value.Validation.Objective, value.BestEpoch, value.Elapsed.TotalSeconds);
}
