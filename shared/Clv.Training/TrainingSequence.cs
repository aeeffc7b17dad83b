namespace Clv.Training;

/// <summary>
/// A customer's encoded window (Steps × InputSize floats; steps after the last example are
/// dropped since no loss depends on them), the heads' order-value inputs after each step
/// (Steps × <see cref="TrainingSequenceBuilder.OrderValueInputCount"/>) and the cutoff examples attached to its steps.
/// </summary>
internal sealed record TrainingSequence(string CustomerId, float[] Inputs, float[] OrderValueInputs, int Steps, TrainingExample[] Examples);
