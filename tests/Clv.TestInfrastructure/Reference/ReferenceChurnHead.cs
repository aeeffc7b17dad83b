namespace Clv.TestInfrastructure.Reference;

/// <summary>The purchase process read from o0, o1, o2 and churn q(H) = P(no purchase within H days).</summary>
public sealed class ReferenceChurnHead
{
    public ReferenceChurnHead(double[] outputs)
    {
        Inactive = ReferenceLstmStep.Sigmoid(outputs[0]);
        Rate = Math.Exp(outputs[1]);
        Dropout = Math.Exp(outputs[2]);
    }

    /// <summary>π: probability the customer is already inactive.</summary>
    public double Inactive { get; }

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

    public double Churn(double horizonDays) => 1 - ((1 - Inactive) * ActiveBuysWithin(horizonDays));
}
