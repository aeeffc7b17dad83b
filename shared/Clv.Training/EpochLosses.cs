namespace Clv.Training;

/// <summary>One row of the loss history: the epoch's mean training loss and its validation loss.</summary>
public sealed record EpochLosses(int Epoch, TaskLosses Train, TaskLosses Validation);
