namespace Clv.Training;

/// <summary>
/// A customer's encoded window (Steps × InputSize floats; steps after the last example are
/// dropped since no loss depends on them) and the cutoff examples attached to its steps.
/// </summary>
internal sealed record TrainingSequence(string CustomerId, float[] Inputs, int Steps, TrainingExample[] Examples);
