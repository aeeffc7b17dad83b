using Clv.Model;

namespace Clv.TestInfrastructure.Reference;

/// <summary>Decides whether scores are the reference's, to what float scoring can promise.</summary>
public static class ReferenceAgreement
{
    /// <summary>Relative agreement of churn and the means; the quantiles' agreement as probability levels.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>
    /// The first score that is not the reference's, or null. Churn and the means agree to <see cref="Tolerance"/>
    /// of the reference's value. A quantile agrees when the reference's mixture puts it at its level to
    /// <see cref="Tolerance"/> (P(X <= P90) = 0.9): compared as values, a quantile just above the zero mass moves by
    /// orders of magnitude more than the float rounding of that mass that moved it.
    /// </summary>
    public static string? FirstDifference(ReferenceScores reference, ModelScores actual)
    {
        (string Name, double Expected, double Actual)[] values =
        [
            ("churn", reference.Churn, actual.ChurnProbability),
            ("spend", reference.Spend.Mean, actual.ExpectedSpend),
            ("clv", reference.Clv.Mean, actual.Clv),
        ];
        foreach (var (name, expected, value) in values)
        {
            if (!(Math.Abs(expected - value) <= Tolerance * Math.Abs(expected)))
            {
                return $"{name}: reference {expected:R}, got {value:R}";
            }
        }

        (string Name, ReferenceZeroInflatedLogNormal Mixture, double Level, double Actual)[] quantiles =
        [
            ("spend P10", reference.Spend, 0.1, actual.SpendP10),
            ("spend P90", reference.Spend, 0.9, actual.SpendP90),
            ("clv P10", reference.Clv, 0.1, actual.ClvP10),
            ("clv P90", reference.Clv, 0.9, actual.ClvP90),
        ];
        foreach (var (name, mixture, level, value) in quantiles)
        {
            var atLevel = value > 0
                ? Math.Abs(mixture.Cdf(value) - level) <= Tolerance
                : value == 0 && mixture.ZeroMass >= level - Tolerance;
            if (!atLevel)
            {
                return $"{name}: got {value:R} at level {mixture.Cdf(value):R}, reference {mixture.Quantile(level):R} (zero mass {mixture.ZeroMass:R})";
            }
        }

        return null;
    }

    /// <summary>The first element of a float state (h or c) that differs from the reference's by more than 1e-5 of its magnitude (1e-5 absolute near zero), or null.</summary>
    public static string? FirstDifference(double[] reference, float[] actual, string what)
    {
        if (reference.Length != actual.Length)
        {
            return $"{what}: {actual.Length} values, reference {reference.Length}";
        }

        for (var i = 0; i < reference.Length; i++)
        {
            if (!(Math.Abs(reference[i] - actual[i]) <= Tolerance * Math.Max(1, Math.Abs(reference[i]))))
            {
                return $"{what}[{i}]: reference {reference[i]:R}, got {actual[i]:R}";
            }
        }

        return null;
    }
}
