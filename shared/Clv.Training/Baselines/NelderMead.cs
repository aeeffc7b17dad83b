namespace Clv.Training.Baselines;

/// <summary>
/// Derivative-free minimiser (Nelder &amp; Mead 1965, standard coefficients 1, 2, 0.5, 0.5) inside a
/// box, with restarts from the best point (which guards against a simplex that collapsed early) and
/// a hard budget of objective evaluations, so a likelihood whose optimum lies at infinity (BG/NBD on
/// data without dropout: a -> 0, b -> infinity) ends in bounded time instead of crawling along the
/// ridge. Deterministic: the same start gives the same answer.
/// </summary>
public static class NelderMead
{
    /// <summary>Box for the log-parameters of <see cref="MaximizeOverPositive"/>: parameters in [1e-6, 1e6].</summary>
    public const double LogParameterBound = 13.815510557964274;

    /// <summary>Objective evaluations a search may spend unless told otherwise.</summary>
    public const int DefaultBudget = 6_000;

    public static BoundedMinimum Minimize(
        Func<double[], double> objective,
        double[] start,
        double lowerBound,
        double upperBound,
        double tolerance = 1e-10,
        int maxEvaluations = DefaultBudget,
        int restarts = 3)
    {
        var search = new Search(objective, lowerBound, upperBound, maxEvaluations);
        var best = search.Clamp(start);
        var converged = false;
        for (var round = 0; round <= restarts && !search.BudgetSpent; round++)
        {
            (best, converged) = search.MinimizeOnce(best, tolerance);
        }

        return new BoundedMinimum(best, converged, search.Evaluations);
    }

    /// <summary>
    /// Maximum-likelihood estimate of strictly positive parameters: minimises the negative
    /// log-likelihood over their logarithms inside [-<see cref="LogParameterBound"/>, +<see cref="LogParameterBound"/>],
    /// starting from <paramref name="start"/> (all parameters = 1 by default). Returns the parameters and how the search ended.
    /// </summary>
    public static (double[] Parameters, FitDiagnostics Diagnostics) MaximizeOverPositive(
        Func<double[], double> logLikelihood, IReadOnlyList<string> names, double[]? start = null, int maxEvaluations = DefaultBudget)
    {
        var minimum = Minimize(
            logParameters => -logLikelihood(Exp(logParameters)),
            start is null ? new double[names.Count] : start.Select(v => Math.Log(v)).ToArray(),
            -LogParameterBound,
            LogParameterBound,
            maxEvaluations: maxEvaluations);
        var atBound = names
            .Select((name, i) => (name, value: minimum.Point[i]))
            .Where(p => Math.Abs(p.value) >= LogParameterBound - 1e-6)
            .Select(p => FormattableString.Invariant($"{p.name} = {Math.Exp(p.value):G3} ({(p.value > 0 ? "upper" : "lower")} bound)"))
            .ToArray();
        return (Exp(minimum.Point), new FitDiagnostics(minimum.Converged, minimum.Evaluations, atBound));
    }

    private static double[] Exp(double[] values) => values.Select(Math.Exp).ToArray();

    /// <summary>The objective, its box and the evaluations spent so far.</summary>
    private sealed class Search(Func<double[], double> objective, double lowerBound, double upperBound, int maxEvaluations)
    {
        public int Evaluations { get; private set; }

        public bool BudgetSpent => Evaluations >= maxEvaluations;

        public double[] Clamp(double[] point) => point.Select(v => Math.Clamp(v, lowerBound, upperBound)).ToArray();

        public (double[] Best, bool Converged) MinimizeOnce(double[] start, double tolerance)
        {
            var n = start.Length;
            var simplex = new double[n + 1][];
            var values = new double[n + 1];
            simplex[0] = (double[])start.Clone();
            for (var i = 0; i < n; i++)
            {
                var vertex = (double[])start.Clone();
                var step = start[i] == 0 ? 0.25 : 0.25 * Math.Max(1.0, Math.Abs(start[i]));
                // Step inwards when the start sits on the upper bound, so the simplex keeps its volume.
                vertex[i] = vertex[i] + step <= upperBound ? vertex[i] + step : vertex[i] - step;
                simplex[i + 1] = vertex;
            }

            for (var i = 0; i <= n; i++)
            {
                values[i] = Evaluate(simplex[i]);
            }

            var converged = false;
            var order = new int[n + 1];
            while (!BudgetSpent)
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
                    converged = true;
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
                var reflectedValue = Evaluate(reflected);
                if (reflectedValue < values[bestIndex])
                {
                    var expanded = Along(centroid, simplex[worstIndex], -2.0);
                    var expandedValue = Evaluate(expanded);
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
                    var contractedValue = Evaluate(contracted);
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
                            values[i] = Evaluate(simplex[i]);
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

            return (simplex[winner], converged);
        }

        // Point origin + coefficient * (towards - origin), projected into the box.
        private double[] Along(double[] origin, double[] towards, double coefficient)
        {
            var point = new double[origin.Length];
            for (var d = 0; d < point.Length; d++)
            {
                point[d] = Math.Clamp(origin[d] + coefficient * (towards[d] - origin[d]), lowerBound, upperBound);
            }

            return point;
        }

        // A region where the objective is undefined counts as infinitely bad, so the simplex moves away.
        private double Evaluate(double[] point)
        {
            Evaluations++;
            var value = objective(point);
            return double.IsNaN(value) ? double.PositiveInfinity : value;
        }
    }
}
