namespace Clv.Training;

/// <summary>Reported after every epoch.</summary>
public sealed record TrainingProgress(
    int Epoch,
    int MaxEpochs,
    TaskLosses Train,
    TaskLosses Validation,
    int BestEpoch,
    TimeSpan Elapsed);
