using System.Globalization;
using Clv.Training.Backtesting;

namespace Clv.Training.Reporting;

/// <summary>
/// Writes <c>predictions.csv</c>: <c>customer_id,model,churn_probability,expected_spend,clv,spend_p10,spend_p90</c>,
/// one row per customer and model; whatever the model does not forecast is left empty.
/// </summary>
public static class PredictionsCsvWriter
{
    public const string FileName = "predictions.csv";

    public const string Header = "customer_id,model,churn_probability,expected_spend,clv,spend_p10,spend_p90";

    public static void Write(string path, BacktestResult result)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine(Header);
        foreach (var forecast in result.Forecasts)
        {
            for (var i = 0; i < result.CustomerIds.Count; i++)
            {
                var prediction = forecast.Predictions[i];
                writer.Write(Quoted(result.CustomerIds[i]));
                writer.Write(',');
                writer.Write(forecast.Model);
                foreach (var value in (ReadOnlySpan<double>)[prediction.ChurnProbability, prediction.ExpectedSpend, prediction.Clv, prediction.SpendP10, prediction.SpendP90])
                {
                    writer.Write(',');
                    writer.Write(Number(value));
                }

                writer.WriteLine();
            }
        }
    }

    private static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quoted(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
