namespace Clv.TestInfrastructure.Reference;

/// <summary>
/// The standard normal distribution function and its inverse, the plain way: erf by its power series near
/// zero and erfc by its continued fraction in the tails, the inverse by bisection to double precision.
/// </summary>
public static class ReferenceNormal
{
    public static double Cdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    public static double InverseCdf(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie strictly between 0 and 1.");
        }

        double low = -40, high = 40;
        for (var i = 0; i < 200 && high - low > 1e-15; i++)
        {
            var middle = (low + high) / 2;
            if (Cdf(middle) < p)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    private static double Erfc(double y)
    {
        if (y < 0)
        {
            return 2 - Erfc(-y);
        }

        if (y < 2.5)
        {
            // erf(y) = 2/√π Σ (-1)^n y^(2n+1) / (n! (2n+1))
            double sum = 0, term = y;
            for (var n = 0; n < 200; n++)
            {
                sum += term / ((2 * n) + 1);
                term *= -y * y / (n + 1);
            }

            return 1 - (2 / Math.Sqrt(Math.PI) * sum);
        }

        // erfc(y) = e^(-y²)/√π · 1/(y + (1/2)/(y + 1/(y + (3/2)/(y + ...)))), evaluated from the bottom.
        var fraction = y;
        for (var k = 120; k >= 1; k--)
        {
            fraction = y + (k / 2.0 / fraction);
        }

        return Math.Exp(-y * y) / (Math.Sqrt(Math.PI) * fraction);
    }
}
