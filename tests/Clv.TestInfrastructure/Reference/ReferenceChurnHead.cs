namespace Clv.TestInfrastructure.Reference;

/// <summary>
/// The purchase process read from o0, o1, o2 (as of the last event), P(inactive) after R silent days by Bayes'
/// rule on it, and churn q(H) = P(no purchase within H days) from then.
/// </summary>
public sealed class ReferenceChurnHead
{
    public ReferenceChurnHead(double[] outputs, double silentDays)
    {
        Rate = Math.Exp(outputs[1]);
        Dropout = Math.Exp(outputs[2]);

        // Silent for R days, read as e^(o7) R on the process's clock: inactive at the event, or active and dropped
        // out before buying; or active all along.
        var inactiveAtEvent = ReferenceLstmStep.Sigmoid(outputs[0]);
        var nothingHappened = Math.Exp(-(Rate + Dropout) * Math.Exp(outputs[7]) * silentDays);
        var inactiveAndSilent = inactiveAtEvent + ((1 - inactiveAtEvent) * Dropout / (Rate + Dropout) * (1 - nothingHappened));
        var activeAndSilent = (1 - inactiveAtEvent) * nothingHappened;
        Active = activeAndSilent / (inactiveAndSilent + activeAndSilent);
    }

    /// <summary>1 - π(R): probability the customer is still active after the silence.</summary>
    public double Active { get; }

    /// <summary>λ: purchases per day while active.</summary>
    public double Rate { get; }

    /// <summary>μ: dropout rate per day while active.</summary>
    public double Dropout { get; }

    /// <summary>P(an active customer buys within H) = ρ (1 - e^(-νH)), ν = λ + μ, ρ = λ / ν.</summary>
    public double ActiveBuysWithin(double horizonDays)
    {
        var nu = Rate + Dropout;
        return Rate / nu * (1 - Math.Exp(-nu * horizonDays));
    }

    public double Churn(double horizonDays) => 1 - (Active * ActiveBuysWithin(horizonDays));
}
