namespace Clv.Training;

public enum LossWeighting
{
    /// <summary>Loss = Σ λ_k L_k with the options' fixed λ.</summary>
    Fixed,

    /// <summary>Loss = Σ exp(-s_k) L_k + s_k with learned s_k (Kendall, Gal &amp; Cipolla 2018).</summary>
    Uncertainty,
}
