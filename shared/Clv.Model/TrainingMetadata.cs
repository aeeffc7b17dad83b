namespace Clv.Model;

/// <summary>How a model was trained; stored in the weights file for audit.</summary>
public sealed record TrainingMetadata(
    DateTime TrainedAtUtc,
    DateTime CalibrationEnd,
    int TrainingCustomers,
    int ValidationCustomers,
    int Epochs,
    int Seed,
    double ValidationLoss,
    int CutoffStepDays)
{
    /// <summary>For a model that was initialised but never trained.</summary>
    public static TrainingMetadata Untrained { get; } = new(DateTime.UnixEpoch, DateTime.UnixEpoch, 0, 0, 0, 0, double.NaN, 0);
}
