using System.Text.Json;
using Clv.Training.Backtesting;
using Clv.Training.Baselines;

namespace Clv.Training.Reporting;

/// <summary>
/// Writes <c>metrics.json</c>: the split, the customer counts, per model <c>churn_auc</c>,
/// <c>churn_logloss</c> (nats), <c>spend_mae</c>, <c>spend_rmse</c>, <c>gini</c>,
/// <c>spend_interval_coverage</c> (share of customers within [P10, P90]),
/// <c>spend_interval_nominal</c> (the model's own mean probability of that interval),
/// <c>spend_interval_coverage_randomised</c> (the randomised P10-P90 coverage, 0.8 in expectation for a calibrated
/// model) (null for a task the model does not forecast), and the fitted BG/NBD and Gamma-Gamma parameters under <c>params</c>, each with how its fit ended
/// (<c>converged</c>, <c>likelihood_evaluations</c>, <c>at_bound</c>).
/// </summary>
public static class MetricsJsonWriter
{
    public const string FileName = "metrics.json";

    public static void Write(string path, BacktestResult result)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("transactions", Path.GetFileName(result.Options.TransactionsPath));
        json.WriteString("calibration_end", result.Options.CalibrationEnd.ToString("yyyy-MM-dd"));
        json.WriteString("holdout_end", result.Options.HoldoutEnd.ToString("yyyy-MM-dd"));
        json.WriteNumber("seed", result.Options.Seed);
        json.WriteNumber("customers", result.CustomerIds.Count);
        json.WriteNumber("holdout_churned", result.Outcomes.Count(o => o.Churned));
        json.WriteNumber("holdout_spend_total", result.Outcomes.Sum(o => o.Spend));

        json.WriteStartObject("models");
        foreach (var forecast in result.Forecasts)
        {
            json.WriteStartObject(forecast.Model);
            Number(json, "churn_auc", forecast.Metrics.ChurnAuc);
            Number(json, "churn_logloss", forecast.Metrics.ChurnLogLoss);
            Number(json, "spend_mae", forecast.Metrics.SpendMae);
            Number(json, "spend_rmse", forecast.Metrics.SpendRmse);
            Number(json, "gini", forecast.Metrics.Gini);
            Number(json, "spend_interval_coverage", forecast.Metrics.IntervalCoverage);
            Number(json, "spend_interval_nominal", forecast.Metrics.NominalIntervalCoverage);
            Number(json, "spend_interval_coverage_randomised", forecast.Metrics.RandomisedIntervalCoverage);
            json.WriteEndObject();
        }

        json.WriteEndObject();

        json.WriteStartObject("params");
        json.WriteStartObject("bgnbd");
        json.WriteNumber("r", result.BgNbd.R);
        json.WriteNumber("alpha", result.BgNbd.Alpha);
        json.WriteNumber("a", result.BgNbd.A);
        json.WriteNumber("b", result.BgNbd.B);
        Fit(json, result.BgNbdFit);
        json.WriteEndObject();
        json.WriteStartObject("gamma_gamma");
        json.WriteNumber("p", result.GammaGamma.P);
        json.WriteNumber("q", result.GammaGamma.Q);
        json.WriteNumber("gamma", result.GammaGamma.Gamma);
        Fit(json, result.GammaGammaFit);
        json.WriteEndObject();
        json.WriteNumber("gbm_training_examples", result.GradientBoostedTrainingExamples);
        json.WriteEndObject();

        json.WriteEndObject();
    }

    private static void Fit(Utf8JsonWriter json, FitDiagnostics fit)
    {
        json.WriteBoolean("converged", fit.Converged);
        json.WriteNumber("likelihood_evaluations", fit.Evaluations);
        json.WriteStartArray("at_bound");
        foreach (var parameter in fit.ParametersAtBound)
        {
            json.WriteStringValue(parameter);
        }

        json.WriteEndArray();
        json.WriteString("limit", fit.Limit);
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
