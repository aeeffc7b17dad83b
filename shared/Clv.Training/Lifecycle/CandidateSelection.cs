using System.Globalization;
using Clv.Model;
using Clv.Training.Metrics;

namespace Clv.Training.Lifecycle;

/// <summary>
/// The trainer's choice between candidates of different kinds measured on the same holdout: each of the five
/// headline metrics (churn AUC and Gini higher is better; churn log loss, spend MAE and spend RMSE lower is better)
/// is won by the one candidate strictly best on it (a tie on a metric wins it for nobody); the candidate with the
/// most wins is chosen, and equal wins go to the simpler kind (BG/NBD + Gamma-Gamma, then the MTL-LSTM, then their
/// stack). A candidate with a non-finite metric is not eligible while another has all five finite. With two candidates
/// this is the majority of the five metrics.
/// </summary>
public static class CandidateSelection
{
    private static readonly (string Name, Func<ModelMetrics, double> Value, bool HigherIsBetter)[] Metrics =
    [
        ("churn AUC", m => m.ChurnAuc, true),
        ("log loss", m => m.ChurnLogLoss, false),
        ("spend MAE", m => m.SpendMae, false),
        ("spend RMSE", m => m.SpendRmse, false),
        ("Gini", m => m.Gini, true),
    ];

    /// <summary>Simpler kinds first: the order that breaks a tie in wins.</summary>
    public static int Complexity(ModelKind kind) => kind switch
    {
        ModelKind.BgNbdGammaGamma => 0,
        ModelKind.MtlLstm => 1,
        ModelKind.StackedLstmBgNbd => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown model kind."),
    };

    public static CandidateChoice Choose(IReadOnlyList<ModelCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("There is no candidate to choose from.", nameof(candidates));
        }

        if (candidates.Select(c => c.Kind).Distinct().Count() != candidates.Count)
        {
            throw new ArgumentException("Candidates must be of distinct kinds.", nameof(candidates));
        }

        var wins = candidates.ToDictionary(c => c.Kind, _ => 0);
        var winners = new List<string>(Metrics.Length);
        foreach (var (name, value, higherIsBetter) in Metrics)
        {
            var best = candidates.Where(c => double.IsFinite(value(c.Metrics)))
                .GroupBy(c => value(c.Metrics))
                .OrderBy(g => higherIsBetter ? -g.Key : g.Key)
                .FirstOrDefault();
            if (best is not null && best.Count() == 1)
            {
                var winner = best.Single();
                wins[winner.Kind]++;
                winners.Add($"{name} {winner.Kind}");
            }
            else
            {
                winners.Add($"{name} tied");
            }
        }

        var eligible = candidates.Where(AllFinite).ToList();
        var chosen = (eligible.Count > 0 ? eligible : [.. candidates])
            .OrderByDescending(c => wins[c.Kind])
            .ThenBy(c => Complexity(c.Kind))
            .First();
        var tally = string.Join(", ", candidates.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Kind} {wins[c.Kind]}/{Metrics.Length}")));
        var reason = candidates.Count == 1
            ? $"{chosen.Kind} the only candidate"
            : $"{chosen.Kind} chosen by metric wins ({tally}: {string.Join(", ", winners)}{(eligible.Count < candidates.Count ? "; candidates with non-finite metrics not eligible" : string.Empty)})";
        return new CandidateChoice(chosen, wins, reason);
    }

    private static bool AllFinite(ModelCandidate candidate) => Metrics.All(m => double.IsFinite(m.Value(candidate.Metrics)));
}
