namespace Clv.Model.BuyTillYouDie;

/// <summary>
/// The distribution of a BG/NBD + Gamma-Gamma customer's (discounted) spend in (T, T+t] given (x, t_x, T), as a
/// zero-inflated lognormal: the zero mass is exact (P(no purchase), the churn output), the positive part matches the
/// exact first two moments. Fixed cost, allocation-free (docs/model.md, "Intervals").
/// <para>
/// Given alive at T, λ ~ Gamma(r', c) with r' = r + x, c = α + T, and p ~ Beta(a, b') with b' = b + x, independent.
/// Purchases at u after T have density h₁(u) = E[λ e^(-λpu)] and pairs u₁ &lt; u₂ have density
/// E[λ² (1-p) e^(-λpu₂)] = h₂(u₂) (dropout thins the purchases at rate λp; a purchase is followed by more only if the
/// customer stays, probability 1 - p). With weights w(u) = e^(-δu) (δ the discount per week, 0 for spend) and
/// W(u) = ∫₀^u w: E[Σ w²] = ∫ w² h₁ du, E[(Σ w)²] = E[Σ w²] + 2 ∫ w W h₂ du, where, with v = u / c,
/// h₁ = (r'/c) ₂F₁(r'+1, a; a+b'; -v), h₂ = r'(r'+1)/c² · b'/(a+b') · ₂F₁(r'+2, a; a+b'+1; -v)
/// (Euler's integral of the Beta mixing). The integrals run on s = ln(1 + u/c) by Gauss-Legendre, where the
/// integrands are smooth and nearly exponential.
/// </para>
/// </summary>
public static class BgNbdWindowDistribution
{
    private const int Nodes = 8;

    private static readonly (double[] Abscissas, double[] Weights) Legendre = GaussLegendre(Nodes);

    /// <summary>
    /// The value of the purchases in (T, T+<paramref name="horizonWeeks"/>] discounted at <paramref name="weeklyDiscount"/>
    /// (0: plain spend), with the model's <paramref name="zeroMass"/> and <paramref name="mean"/> and the order values'
    /// <paramref name="value"/> belief: E[S²] = P(alive) E[1/ν²] (p E[Σ w²] + p² E[(Σ w)²]).
    /// </summary>
    public static ZeroInflatedLogNormal WindowValue(
        double r, double alpha, double a, double b, int x, double recencyWeeks, double ageWeeks, double horizonWeeks, double weeklyDiscount,
        double zeroMass, double mean, in OrderValuePosterior value)
    {
        if (horizonWeeks <= 0)
        {
            return ZeroInflatedLogNormal.Match(1, 0, 0);
        }

        var alive = BgNbdPredictions.ProbabilityAlive(r, alpha, a, b, x, recencyWeeks, ageWeeks);
        var (squares, squaredSum) = AliveCountSecondMoments(r, alpha, a, b, x, ageWeeks, horizonWeeks, weeklyDiscount);
        var shape = value.Shape;
        var secondMoment = alive * value.InverseRateSecondMoment * ((shape * squares) + (shape * shape * squaredSum));
        return ZeroInflatedLogNormal.Match(zeroMass, mean, secondMoment);
    }

    /// <summary>
    /// For a customer alive at T: (E[Σ w(uₖ)²], E[(Σ w(uₖ))²]) over the purchases uₖ in (0, t] after T, w(u) = e^(-δu);
    /// for δ = 0 these are E[N] and E[N²].
    /// </summary>
    public static (double SumOfSquares, double SquareOfSum) AliveCountSecondMoments(
        double r, double alpha, double a, double b, int x, double ageWeeks, double horizonWeeks, double weeklyDiscount)
    {
        var shape = r + x;
        var dropoutB = b + x;
        var c = alpha + ageWeeks;
        var (abscissas, weights) = Legendre;
        var half = 0.5 * double.LogP1(horizonWeeks / c);
        var single = shape / c;
        var pair = shape * (shape + 1) / (c * c) * dropoutB / (a + dropoutB);
        var sumOfSquares = 0.0;
        var crossTerms = 0.0;
        for (var i = 0; i < Nodes; i++)
        {
            var s = half * (1 + abscissas[i]);
            var v = double.ExpM1(s);
            var u = c * v;
            // du = c e^s ds; the 2F1(A, a; C; -v) by Pfaff's transformation (1+v)^(-a) 2F1(a, C-A; C; v/(1+v)), whose series converges.
            var jacobian = weights[i] * half * c * Math.Exp(s);
            var w = v / (1 + v);
            var mixing = Math.Pow(1 + v, -a);
            var (lower, upper) = AdjacentHypergeometric(a, a + dropoutB - shape - 1, a + dropoutB, w);
            var h1 = single * mixing * lower;
            var h2 = pair * mixing * upper;
            var discount = Math.Exp(-weeklyDiscount * u);
            var discountedTime = weeklyDiscount > 0 ? -double.ExpM1(-weeklyDiscount * u) / weeklyDiscount : u;
            sumOfSquares += jacobian * discount * discount * h1;
            crossTerms += jacobian * discount * discountedTime * h2;
        }

        return (sumOfSquares, sumOfSquares + (2 * crossTerms));
    }

    // 2F1(a, β; c; w) and 2F1(a, β; c+1; w) in one pass (their terms share the numerators), each summed until a term
    // no longer changes it; near w = 1, where that takes about 35 / (1 - w) terms, each by SpecialFunctions.Hypergeometric2F1's
    // connection formula instead.
    private static (double Lower, double Upper) AdjacentHypergeometric(double a, double beta, double c, double w)
    {
        if (w > SpecialFunctions.PowerSeriesLimit)
        {
            return (SpecialFunctions.Hypergeometric2F1(a, beta, c, w), SpecialFunctions.Hypergeometric2F1(a, beta, c + 1, w));
        }

        var (lowerTerm, upperTerm, lower, upper) = (1.0, 1.0, 1.0, 1.0);
        for (var k = 0; k < SpecialFunctions.MaxTerms; k++)
        {
            var numerator = (a + k) * (beta + k) / (k + 1) * w;
            lowerTerm *= numerator / (c + k);
            upperTerm *= numerator / (c + 1 + k);
            lower += lowerTerm;
            upper += upperTerm;
            if (Math.Abs(lowerTerm) <= 1e-15 * Math.Abs(lower) && Math.Abs(upperTerm) <= 1e-15 * Math.Abs(upper))
            {
                return (lower, upper);
            }
        }

        throw new ArithmeticException($"2F1({a}, {beta}; {c}; {w}) did not converge within {SpecialFunctions.MaxTerms:N0} terms.");
    }

    // Nodes and weights of n-point Gauss-Legendre on [-1, 1], by Newton's method on P_n (Numerical Recipes 3rd ed. §4.6).
    private static (double[] Abscissas, double[] Weights) GaussLegendre(int n)
    {
        var abscissas = new double[n];
        var weights = new double[n];
        for (var i = 0; i < (n + 1) / 2; i++)
        {
            var z = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative;
            double previous;
            do
            {
                var (p1, p2) = (1.0, 0.0);
                for (var j = 0; j < n; j++)
                {
                    (p1, p2) = ((((2.0 * j) + 1) * z * p1 - (j * p2)) / (j + 1), p1);
                }

                derivative = n * ((z * p1) - p2) / ((z * z) - 1);
                previous = z;
                z = previous - (p1 / derivative);
            }
            while (Math.Abs(z - previous) > 1e-15);

            abscissas[i] = -z;
            abscissas[n - 1 - i] = z;
            weights[i] = weights[n - 1 - i] = 2 / ((1 - (z * z)) * derivative * derivative);
        }

        return (abscissas, weights);
    }
}
