namespace Clv.TestInfrastructure.Reference;

/// <summary>
/// The purchase process read from o0, o1, o2, o7 (as of the last event) without the model's closed forms: an
/// active customer's event rate nu is Gamma(k, k / nu̅) on a grid (trapezoid rule in ln nu), each event a purchase
/// with probability rho = lambda̅ / nu̅; given nu the process is the exponential one (purchase rate rho nu, dropout
/// rate (1 - rho) nu). After R silent days Bayes' rule reweights the grid (the posterior of those still active) and
/// gives P(active); every answer is an average over that posterior.
/// </summary>
public sealed class ReferenceChurnHead
{
    private const int GridPoints = 4_000;

    private readonly double[] _rates = new double[GridPoints];
    private readonly double[] _posterior = new double[GridPoints];

    public ReferenceChurnHead(double[] outputs, double silentDays)
    {
        var meanRate = Math.Exp(Math.Clamp(outputs[1], -25, 8));
        var meanDropout = Math.Exp(Math.Clamp(outputs[2], -25, 8));
        var shape = Math.Exp(Math.Clamp(outputs[7], -5, 10));
        PurchaseShare = meanRate / (meanRate + meanDropout);
        var scale = shape / (meanRate + meanDropout);

        // z = scale nu has the density z^(k-1) e^(-z) / Γ(k); in t = ln z the weight is e^(k t - e^t) dt.
        var low = (-45 / shape) - 2;
        var high = Math.Log(shape + 60 + (10 * Math.Sqrt(shape)));
        var step = (high - low) / (GridPoints - 1);
        double prior = 0, activeAndSilent = 0;
        for (var j = 0; j < GridPoints; j++)
        {
            var t = low + (j * step);
            var weight = Math.Exp((shape * t) - Math.Exp(t)) * (j is 0 or GridPoints - 1 ? 0.5 : 1);
            _rates[j] = Math.Exp(t) / scale;
            prior += weight;
            _posterior[j] = weight * Math.Exp(-_rates[j] * Math.Max(0, silentDays));
            activeAndSilent += _posterior[j];
        }

        for (var j = 0; j < GridPoints; j++)
        {
            _posterior[j] /= activeAndSilent;
        }

        // Silent for R days: inactive at the event, or active and dropped out before buying; or active all along.
        var inactiveAtEvent = ReferenceLstmStep.Sigmoid(outputs[0]);
        var silentShare = activeAndSilent / prior;
        var inactiveAndSilent = inactiveAtEvent + ((1 - inactiveAtEvent) * (1 - PurchaseShare) * (1 - silentShare));
        var stillActive = (1 - inactiveAtEvent) * silentShare;
        Active = stillActive / (inactiveAndSilent + stillActive);
    }

    /// <summary>1 - π(R): probability the customer is still active after the silence.</summary>
    public double Active { get; }

    /// <summary>rho: the share of an active customer's events that are purchases (the rest is their dropout).</summary>
    public double PurchaseShare { get; }

    /// <summary>P(an active customer buys within H) = E[ρ (1 - e^(-νH))] over the posterior.</summary>
    public double ActiveBuysWithin(double horizonDays) => Average(nu => PurchaseShare * (1 - Math.Exp(-nu * horizonDays)));

    /// <summary>E[λ ∫₀^H e^(-(μ+δ)t) dt] over the posterior, λ = ρν, μ = (1-ρ)ν.</summary>
    public double ExpectedCount(double horizonDays, double dailyDiscount) => Average(nu =>
    {
        var decay = ((1 - PurchaseShare) * nu) + dailyDiscount;
        return PurchaseShare * nu * (decay * horizonDays < 1e-12 ? horizonDays : (1 - Math.Exp(-decay * horizonDays)) / decay);
    });

    public double Churn(double horizonDays) => 1 - (Active * ActiveBuysWithin(horizonDays));

    private double Average(Func<double, double> f)
    {
        var sum = 0.0;
        for (var j = 0; j < GridPoints; j++)
        {
            sum += _posterior[j] * f(_rates[j]);
        }

        return sum;
    }
}
