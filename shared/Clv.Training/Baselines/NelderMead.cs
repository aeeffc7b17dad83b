namespace Clv.Training.Baselines;

/// <summary>
/// Derivative-free minimiser (Nelder &amp; Mead 1965, standard coefficients 1, 2, 0.5, 0.5) with
/// restarts from the best point, which guards against a simplex that collapsed early.
/// Deterministic: the same start gives the same answer.
/// </summary>
public static class NelderMead
{
    public static double[] Minimize(Func<double[], double> objective, double[] start, double tolerance = 1e-12, int maxIterations = 20_000, int restarts = 3)
    {
        var best = (double[])start.Clone();
        for (var round = 0; round <= restarts; round++)
        {
            best = MinimizeOnce(objective, best, tolerance, maxIterations);
        }

        return best;
    }

    /// <summary>
    /// Maximum-likelihood estimate of strictly positive parameters: minimises the negative
    /// log-likelihood over their logarithms, starting from all parameters = 1.
    /// </summary>
    public static double[] MaximizeOverPositive(Func<double[], double> logLikelihood, int dimensions)
    {
        var best = Minimize(logParameters => -logLikelihood(Exp(logParameters)), new double[dimensions]);
        return Exp(best);
    }

    private static double[] Exp(double[] values) => values.Select(Math.Exp).ToArray();

    private static double[] MinimizeOnce(Func<double[], double> objective, double[] start, double tolerance, int maxIterations)
    {
        var n = start.Length;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        simplex[0] = (double[])start.Clone();
        for (var i = 0; i < n; i++)
        {
            var vertex = (double[])start.Clone();
            vertex[i] += start[i] == 0 ? 0.25 : 0.25 * Math.Max(1.0, Math.Abs(start[i]));
            simplex[i + 1] = vertex;
        }

        for (var i = 0; i <= n; i++)
        {
            values[i] = SafeEvaluate(objective, simplex[i]);
        }

        var order = new int[n + 1];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            for (var i = 0; i <= n; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (x, y) => values[x].CompareTo(values[y]));
            var bestIndex = order[0];
            var worstIndex = order[n];
            var secondWorstIndex = order[n - 1];
            if (Math.Abs(values[worstIndex] - values[bestIndex]) <= tolerance * (Math.Abs(values[bestIndex]) + tolerance))
            {
                break;
            }

            var centroid = new double[n];
            for (var i = 0; i <= n; i++)
            {
                if (i == worstIndex)
                {
                    continue;
                }

                for (var d = 0; d < n; d++)
                {
                    centroid[d] += simplex[i][d] / n;
                }
            }

            var reflected = Along(centroid, simplex[worstIndex], -1.0);
            var reflectedValue = SafeEvaluate(objective, reflected);
            if (reflectedValue < values[bestIndex])
            {
                var expanded = Along(centroid, simplex[worstIndex], -2.0);
                var expandedValue = SafeEvaluate(objective, expanded);
                (simplex[worstIndex], values[worstIndex]) = expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue);
            }
            else if (reflectedValue < values[secondWorstIndex])
            {
                (simplex[worstIndex], values[worstIndex]) = (reflected, reflectedValue);
            }
            else
            {
                var contracted = reflectedValue < values[worstIndex]
                    ? Along(centroid, simplex[worstIndex], -0.5)
                    : Along(centroid, simplex[worstIndex], 0.5);
                var contractedValue = SafeEvaluate(objective, contracted);
                if (contractedValue < Math.Min(values[worstIndex], reflectedValue))
                {
                    (simplex[worstIndex], values[worstIndex]) = (contracted, contractedValue);
                }
                else
                {
                    for (var i = 0; i <= n; i++)
                    {
                        if (i == bestIndex)
                        {
                            continue;
                        }

                        simplex[i] = Along(simplex[bestIndex], simplex[i], 0.5);
                        values[i] = SafeEvaluate(objective, simplex[i]);
                    }
                }
            }
        }

        var winner = 0;
        for (var i = 1; i <= n; i++)
        {
            if (values[i] < values[winner])
            {
                winner = i;
            }
        }

        return simplex[winner];
    }

    // Point origin + coefficient * (towards - origin).
    private static double[] Along(double[] origin, double[] towards, double coefficient)
    {
        var point = new double[origin.Length];
        for (var d = 0; d < point.Length; d++)
        {
            point[d] = origin[d] + coefficient * (towards[d] - origin[d]);
        }

        return point;
    }

    // A region where the objective is undefined counts as infinitely bad, so the simplex moves away.
    private static double SafeEvaluate(Func<double[], double> objective, double[] point)
    {
        var value = objective(point);
        return double.IsNaN(value) ? double.PositiveInfinity : value;
    }
}
