namespace Clv.Training.Lifecycle;

/// <summary>Whether a candidate goes live, and the reason recorded with its version either way.</summary>
public sealed record PromotionDecision(bool Promote, string Reason);
