using Clv.Model;
using Clv.Model.Data;
using Clv.Model.Features;

namespace Clv.TestInfrastructure.Reference;

/// <summary>
/// A deliberately plain second implementation of the scoring forward pass, written from the equations in
/// docs/model.md and reading only the model's data (config, feature statistics, flat parameters), never its
/// code: doubles, loops, no spans, no vector library. Tests compare the production model with it.
/// </summary>
public sealed class ReferenceModel
{
    private readonly ReferenceWeights _weights;
    private readonly FeatureStatistics _statistics;
    private readonly double _annualDiscountRate;
    private readonly int _window;

    public ReferenceModel(MtlLstmModel model)
    {
        _weights = new ReferenceWeights(model.Config.InputSize, model.Config.HiddenSize, model.Config.DenseSize, model.Parameters.ToArray());
        _statistics = model.Statistics;
        _annualDiscountRate = model.Config.AnnualDiscountRate;
        _window = model.Config.WindowSize;
        HorizonDays = model.Config.HorizonDays;
        ClvHorizonDays = model.Config.ClvHorizonDays;
    }

    public int HorizonDays { get; }

    public int ClvHorizonDays { get; }

    /// <summary>W: how many of the last events a rebuilt state steps over.</summary>
    public int WindowSize => _window;

    /// <summary>The state after <paramref name="events"/> (sorted by time), rebuilt over the last W of them.</summary>
    public (double[] H, double[] C) State(IReadOnlyList<CustomerEvent> events)
    {
        var h = new double[_weights.Hidden];
        var c = new double[_weights.Hidden];
        var start = Math.Max(0, events.Count - _window);
        for (var t = start; t < events.Count; t++)
        {
            DateTime? previous = t > 0 ? events[t - 1].Time : null;
            (h, c) = ReferenceLstmStep.Step(_weights, ReferenceFeatures.Event(events[t], previous, _statistics), h, c);
        }

        return (h, c);
    }

    /// <summary>The heads' two order-value inputs after <paramref name="events"/>, over the same last W of them as <see cref="State"/>.</summary>
    public double[] OrderValueInputs(IReadOnlyList<CustomerEvent> events) =>
        ReferenceFeatures.OrderValues(events.Skip(Math.Max(0, events.Count - _window)), _statistics.OrderValues);

    /// <summary>
    /// The scores of state <paramref name="h"/> with order-value inputs <paramref name="orderValueInputs"/>,
    /// <paramref name="daysSinceLastEvent"/> days after its last event.
    /// </summary>
    public ReferenceScores Score(double[] h, double[] orderValueInputs, double daysSinceLastEvent, int horizonDays, int clvHorizonDays)
    {
        var outputs = ReferenceDenseLayer.Outputs(_weights, h, ReferenceFeatures.Recency(daysSinceLastEvent, _statistics), orderValueInputs);
        var churn = new ReferenceChurnHead(outputs);
        return new ReferenceScores(
            churn.Churn(horizonDays),
            ReferenceSpendHead.Spend(churn, outputs, horizonDays),
            ReferenceClvHead.Clv(churn, outputs, clvHorizonDays, _annualDiscountRate));
    }

    /// <summary>The scores after <paramref name="events"/> as of <paramref name="asOf"/> (recency 0 before any event).</summary>
    public ReferenceScores Score(IReadOnlyList<CustomerEvent> events, DateTime asOf, int horizonDays, int clvHorizonDays)
    {
        var (h, _) = State(events);
        var recency = events.Count == 0 ? 0 : Math.Max(0, (asOf - events[^1].Time).TotalDays);
        return Score(h, OrderValueInputs(events), recency, horizonDays, clvHorizonDays);
    }
}
