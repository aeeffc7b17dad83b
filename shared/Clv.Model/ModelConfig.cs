using Clv.Model.Features;

namespace Clv.Model;

/// <summary>
/// The shape and the prediction settings of a model. <see cref="HorizonDays"/> and
/// <see cref="ClvHorizonDays"/> are the defaults a scorer asks for; the heads take the horizon
/// as an input, so other horizons can be asked for too.
/// </summary>
public sealed record ModelConfig(
    int HiddenSize = 32,
    int DenseSize = 32,
    int WindowSize = 64,
    ModelTasks Tasks = ModelTasks.All,
    int HorizonDays = 273,
    int ClvHorizonDays = 365,
    double AnnualDiscountRate = 0.10,
    int InputSize = FeatureEncoder.InputSize,
    string FeatureSchemaId = FeatureEncoder.SchemaId)
{
    public void Validate()
    {
        if (HiddenSize is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(HiddenSize), HiddenSize, "Hidden size must be within 1..256.");
        }

        if (DenseSize is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(DenseSize), DenseSize, "Dense size must be within 1..256.");
        }

        if (WindowSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(WindowSize), WindowSize, "Window size must be positive.");
        }

        if (InputSize != FeatureEncoder.InputSize || FeatureSchemaId != FeatureEncoder.SchemaId)
        {
            throw new ArgumentException(
                $"Feature schema '{FeatureSchemaId}' with {InputSize} inputs is not the encoder's '{FeatureEncoder.SchemaId}' with {FeatureEncoder.InputSize}.");
        }

        if (HorizonDays < 1 || ClvHorizonDays < 1)
        {
            throw new ArgumentException("Horizons must be at least one day.");
        }

        if (!(AnnualDiscountRate >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(AnnualDiscountRate), AnnualDiscountRate, "Discount rate must be non-negative.");
        }
    }
}
