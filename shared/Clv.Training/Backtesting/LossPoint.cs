namespace Clv.Training.Backtesting;

/// <summary>Training and validation loss after one epoch of training.</summary>
public readonly record struct LossPoint(int Epoch, double TrainingLoss, double ValidationLoss);
