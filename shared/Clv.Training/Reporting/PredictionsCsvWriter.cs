using System.Globalization;
using Clv.Training.Backtesting;

namespace Clv.Training.Reporting;

/// <summary>
/// Writes <c>predictions.csv</c>: <c>customer_id,model,churn_probability,expected_spend</c>, one row per
/// customer and model; a task the model does not forecast is left empty.
/// </summary>
public static class PredictionsCsvWriter
{
    public const string FileName = "predictions.csv";

    public static void Write(string path, BacktestResult result)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("customer_id,model,churn_probability,expected_spend");
        foreach (var forecast in result.Forecasts)
        {
            for (var i = 0; i < result.CustomerIds.Count; i++)
            {
                writer.Write(Quoted(result.CustomerIds[i]));
                writer.Write(',');
                writer.Write(forecast.Model);
                writer.Write(',');
                writer.Write(Number(forecast.ChurnProbabilities[i]));
                writer.Write(',');
                writer.WriteLine(Number(forecast.ExpectedSpend[i]));
            }
        }
    }

    private static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quoted(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
