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

    /// <summary>ln Γ(x) for x &gt; 0; for a negative x that is not an integer, ln |Γ(x)|.</summary>
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
    /// Gauss hypergeometric 2F1(a, b; c; z) for 0 &lt;= z &lt; 1: the power series Σ (a)_k (b)_k / (c)_k z^k / k! up to
    /// <see cref="PowerSeriesLimit"/>, beyond it the connection formula in 1 - z (Abramowitz &amp; Stegun 15.3.6), so the
    /// number of terms stays bounded however close z comes to 1 (the power series needs about 35 / (1 - z)).
    /// Throws <see cref="ArithmeticException"/> when neither method converges within 100,000 terms to a finite value
    /// (large a and b together: BG/NBD's a = b = 500 over ten years, a = b = 1e6 over any horizon); the model verifier's
    /// canary scores a first purchase at the served horizons and refuses a model for which that throws.
    /// </summary>
    public static double Hypergeometric2F1(double a, double b, double c, double z)
    {
        var value = Hypergeometric2F1OrNaN(a, b, c, z);
        return double.IsFinite(value)
            ? value
            : throw new ArithmeticException($"2F1({a}, {b}; {c}; {z}) did not converge within {MaxTerms:N0} terms or is not finite.");
    }

    /// <summary>As <see cref="Hypergeometric2F1"/>, but NaN where that throws <see cref="ArithmeticException"/>, for a caller with another way to the same value.</summary>
    public static double Hypergeometric2F1OrNaN(double a, double b, double c, double z)
    {
        if (!(z >= 0 && z < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "The function is used for 0 <= z < 1 only.");
        }

        if (IsGammaPole(c))
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, "2F1 is undefined for c = 0, -1, -2, ...");
        }

        var value = z <= PowerSeriesLimit ? PowerSeries(a, b, c, z) : NearOne(a, b, c, z);
        if (!double.IsFinite(value) && z > PowerSeriesLimit)
        {
            // The series in 1 - z lose their damping when a or b is large and c - a or c - b is not (BG/NBD's NBD limit,
            // b = 1e6, where c is as large and the power series needs a few hundred terms): the power series then.
            value = PowerSeries(a, b, c, z);
        }

        return double.IsFinite(value) ? value : double.NaN;
    }

    /// <summary>Beyond this z the power series is slower than the connection formula in 1 - z.</summary>
    internal const double PowerSeriesLimit = 0.9;

    internal const int MaxTerms = 100_000;

    // c - a - b within this of an integer puts both connection terms near a pole of Γ (the poles cancel between the
    // terms); there the value is interpolated linearly between c - a - b = n - PoleOffset and n + PoleOffset: the
    // interpolation errs by about PoleOffset², the cancellation by about 1e-16 / PoleOffset²; near 1e-8 relative both.
    private const double PoleOffset = 1e-5;

    // NaN when the sum does not settle within MaxTerms or overflows.
    private static double PowerSeries(double a, double b, double c, double z)
    {
        var term = 1.0;
        var sum = 1.0;
        for (var k = 0; k < MaxTerms && double.IsFinite(sum); k++)
        {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (Math.Abs(term) <= 1e-15 * Math.Abs(sum))
            {
                return double.IsFinite(sum) ? sum : double.NaN;
            }
        }

        return double.NaN;
    }

    private static double NearOne(double a, double b, double c, double z)
    {
        var m = c - a - b;
        var nearest = Math.Round(m);
        if (Math.Abs(m - nearest) >= PoleOffset)
        {
            return Connection(a, b, c, z);
        }

        var below = Connection(c - b - (nearest - PoleOffset), b, c, z);
        var above = Connection(c - b - (nearest + PoleOffset), b, c, z);
        return below + ((m - (nearest - PoleOffset)) / (2 * PoleOffset) * (above - below));
    }

    // 2F1(a,b;c;z) = Γ(c)Γ(m)/(Γ(c-a)Γ(c-b)) 2F1(a,b;1-m;1-z) + (1-z)^m Γ(c)Γ(-m)/(Γ(a)Γ(b)) 2F1(c-a,c-b;1+m;1-z), m = c-a-b.
    private static double Connection(double a, double b, double c, double z)
    {
        var m = c - a - b;
        var y = 1 - z;
        var first = GammaRatio(c, m, c - a, c - b);
        var second = GammaRatio(c, -m, a, b);
        var sum = first == 0 ? 0 : first * PowerSeries(a, b, 1 - m, y);
        return second == 0 ? sum : sum + (second * Math.Pow(y, m) * PowerSeries(c - a, c - b, 1 + m, y));
    }

    // Γ(p) Γ(q) / (Γ(r) Γ(s)); 0 when r or s is a pole (1/Γ vanishes there).
    private static double GammaRatio(double p, double q, double r, double s)
    {
        if (IsGammaPole(r) || IsGammaPole(s))
        {
            return 0;
        }

        var sign = GammaSign(p) * GammaSign(q) * GammaSign(r) * GammaSign(s);
        return sign * Math.Exp(LogGamma(p) + LogGamma(q) - LogGamma(r) - LogGamma(s));
    }

    private static bool IsGammaPole(double x) => x <= 0 && x == Math.Floor(x);

    // Γ(x) = π / (sin(πx) Γ(1-x)) with Γ(1-x) > 0 for x < 1.
    private static double GammaSign(double x) => x > 0 ? 1 : Math.Sign(Math.Sin(Math.PI * x));
}
