namespace Clv.Model.Network;

/// <summary>
/// Gauss-Legendre nodes and weights on [0, 1] (weights sum to 1), computed once by Newton's method on the
/// Legendre polynomial: exact for polynomials of degree below 2n, so a smooth integrand needs few nodes.
/// </summary>
internal static class GaussLegendre
{
    public const int NodeCount = 8;

    private static readonly (double[] Nodes, double[] Weights) Rule = Compute(NodeCount);

    public static ReadOnlySpan<double> Nodes => Rule.Nodes;

    public static ReadOnlySpan<double> Weights => Rule.Weights;

    private static (double[] Nodes, double[] Weights) Compute(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        for (var i = 0; i < (n + 1) / 2; i++)
        {
            var x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative;
            while (true)
            {
                var (p, previous) = (1.0, 0.0);
                for (var j = 1; j <= n; j++)
                {
                    (p, previous) = ((((2 * j) - 1) * x * p - (j - 1) * previous) / j, p);
                }

                derivative = n * (x * p - previous) / (x * x - 1);
                var step = p / derivative;
                x -= step;
                if (Math.Abs(step) < 1e-15)
                {
                    break;
                }
            }

            // On [-1, 1] the weight is 2 / ((1 - x²) P'(x)²); mapped to [0, 1] it halves.
            var weight = 1 / ((1 - x * x) * derivative * derivative);
            (nodes[i], nodes[n - 1 - i]) = ((1 - x) / 2, (1 + x) / 2);
            (weights[i], weights[n - 1 - i]) = (weight, weight);
        }

        return (nodes, weights);
    }
}
