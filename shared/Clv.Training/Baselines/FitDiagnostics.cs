using System.Globalization;

namespace Clv.Training.Baselines;

/// <summary>
/// How a maximum-likelihood fit ended: whether the simplex converged within its evaluation budget,
/// how many likelihood evaluations it used, which parameters ended on a bound of the search box
/// (a boundary solution: e.g. BG/NBD's b at its upper bound means the data show almost no dropout),
/// and, when the fit chose a limit of the model instead of an interior optimum, which one and why.
/// </summary>
public sealed record FitDiagnostics(bool Converged, int Evaluations, IReadOnlyList<string> ParametersAtBound, string? Limit = null)
{
    /// <summary>One sentence for the report.</summary>
    public string Describe()
    {
        var ending = Converged
            ? string.Create(CultureInfo.InvariantCulture, $"converged after {Evaluations:N0} likelihood evaluations")
            : string.Create(CultureInfo.InvariantCulture, $"did NOT converge: stopped at the budget of {Evaluations:N0} likelihood evaluations, the best point found is used");
        var bounds = ParametersAtBound.Count == 0
            ? ending
            : $"{ending}; boundary solution: {string.Join(", ", ParametersAtBound)} at the edge of the search box";
        return Limit is null ? bounds : $"{bounds}; {Limit}";
    }
}
