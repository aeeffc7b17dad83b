namespace Clv.Model.Backtesting;

/// <summary>The model names used in predictions.csv, metrics.json and the report.</summary>
public static class ModelNames
{
    public const string BgNbdGammaGamma = "bgnbd_gammagamma";
    public const string GradientBoosted = "gbm_fasttree";
}
