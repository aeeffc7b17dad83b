namespace Clv.Training;

/// <summary>
/// Quality of the returned (best) model on the validation customers' cutoff examples, all
/// drawn from calibration data: churn AUC and log loss, spend MAE against the window's spend.
/// </summary>
public sealed record ValidationMetrics(int Examples, double ChurnAuc, double ChurnLogLoss, double SpendMae);
