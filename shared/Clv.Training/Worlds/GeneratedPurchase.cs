namespace Clv.Training.Worlds;

/// <summary>One generated purchase: when (weeks from the world's start) and how much.</summary>
public readonly record struct GeneratedPurchase(double Weeks, double Amount);
