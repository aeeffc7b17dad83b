namespace Clv.Training.Baselines;

/// <summary>
/// Gamma-Gamma parameters: a transaction's value ~ Gamma(shape p, rate ν) and across customers
/// ν ~ Gamma(shape q, rate γ).
/// </summary>
public sealed record GammaGammaParameters(double P, double Q, double Gamma);
