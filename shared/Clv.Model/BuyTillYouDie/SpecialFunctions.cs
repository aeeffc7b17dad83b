namespace Clv.Model.BuyTillYouDie;

/// <summary>The few special functions the buy-till-you-die likelihoods need.</summary>
public static class SpecialFunctions
{
    // Lanczos approximation, g = 7, n = 9 (Numerical Recipes 3rd ed. §6.1); relative error below 1e-14.
    private static readonly double[] LanczosCoefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection: Γ(x) Γ(1-x) = π / sin(πx), keeps the series in its accurate range.
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1.0 - x);
        }

        x -= 1.0;
        var sum = LanczosCoefficients[0];
        for (var i = 1; i < LanczosCoefficients.Length; i++)
        {
            sum += LanczosCoefficients[i] / (x + i);
        }

        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a+b).</summary>
    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>
    /// Gauss hypergeometric 2F1(a, b; c; z) = Σ (a)_k (b)_k / (c)_k z^k / k! for 0 &lt;= z &lt; 1,
    /// summed until a term no longer changes the sum.
    /// </summary>
    public static double Hypergeometric2F1(double a, double b, double c, double z)
    {
        if (z < 0 || z >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "The series is used for 0 <= z < 1 only.");
        }

        var term = 1.0;
        var sum = 1.0;
        for (var k = 0; k < 100_000; k++)
        {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (Math.Abs(term) <= 1e-15 * Math.Abs(sum))
            {
                return sum;
            }
        }

        throw new InvalidOperationException($"2F1({a}, {b}; {c}; {z}) did not converge.");
    }
}
