namespace Clv.Model.BuyTillYouDie;

/// <summary>
/// Fitted BG/NBD parameters (purchase rate λ ~ Gamma(shape r, rate α) per week, dropout after each purchase
/// ~ Beta(a, b)) and Gamma-Gamma parameters (order value ~ Gamma(p, ν), ν ~ Gamma(q, γ)).
/// </summary>
public sealed record BuyTillYouDieParameters(double R, double Alpha, double A, double B, double P, double Q, double Gamma)
{
    /// <summary>Refuses parameters no fit produces or the predictions cannot use.</summary>
    /// <exception cref="ArgumentException">A parameter is not finite and positive, or q &lt;= 1 (the population's mean order value p γ / (q - 1) would not exist).</exception>
    public void Validate()
    {
        foreach (var (name, value) in (ReadOnlySpan<(string, double)>)[("r", R), ("alpha", Alpha), ("a", A), ("b", B), ("p", P), ("q", Q), ("gamma", Gamma)])
        {
            if (!double.IsFinite(value) || value <= 0)
            {
                throw new ArgumentException($"BG/NBD + Gamma-Gamma parameter {name} = {value} is not finite and positive.");
            }
        }

        if (Q <= 1)
        {
            throw new ArgumentException($"Gamma-Gamma q = {Q} must exceed 1 for the population's mean order value p γ / (q - 1) to exist.");
        }
    }
}
