namespace Clv.Training.Backtesting;

/// <summary>The model names used in predictions.csv, metrics.json and the report.</summary>
public static class ModelNames
{
    public const string MtlLstm = "mtl_lstm";
    public const string LstmChurnOnly = "lstm_churn_only";
    public const string LstmSpendOnly = "lstm_spend_only";
    public const string BgNbdGammaGamma = "bgnbd_gammagamma";
    public const string GradientBoosted = "gbm_fasttree";
    public const string Stacked = "stacked_lstm_bgnbd";
}
