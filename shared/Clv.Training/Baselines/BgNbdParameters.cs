namespace Clv.Training.Baselines;

/// <summary>
/// BG/NBD parameters: purchase rates λ ~ Gamma(shape r, rate α) per week, dropout probability
/// after each purchase p ~ Beta(a, b).
/// </summary>
public sealed record BgNbdParameters(double R, double Alpha, double A, double B);
