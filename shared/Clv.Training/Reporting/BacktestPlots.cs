using Clv.Training.Backtesting;
using Clv.Training.Metrics;
using ScottPlot;

namespace Clv.Training.Reporting;

/// <summary>The report's PNG plots, one per question: is spend calibrated, who ranks spenders best, how did training go.</summary>
public static class BacktestPlots
{
    public const string SpendCalibrationFile = "spend_calibration.png";
    public const string GainsFile = "gains.png";
    public const string LiftFile = "lift.png";
    public const string TrainingLossFile = "training_loss.png";

    private const int Width = 900;
    private const int Height = 600;

    /// <summary>Writes the plots into <paramref name="directory"/> and returns the file names written.</summary>
    public static IReadOnlyList<string> Write(string directory, BacktestResult result)
    {
        var written = new List<string>();
        var actual = result.Outcomes.Select(o => o.Spend).ToArray();
        var spendModels = result.Forecasts.Where(f => !double.IsNaN(f.Metrics.SpendMae)).ToArray();

        // Decile means span two orders of magnitude: a log axis keeps the low deciles readable.
        var calibration = new Plot();
        var deciles = Enumerable.Range(1, 10).Select(d => (double)d).ToArray();
        foreach (var forecast in spendModels)
        {
            var bins = SpendMetrics.DecileCalibration(forecast.ExpectedSpend, actual);
            var actualLine = calibration.Add.Scatter(deciles[..bins.Count], bins.Select(b => Log10(b.MeanActual)).ToArray());
            actualLine.LegendText = $"{forecast.Model} actual";
            actualLine.MarkerSize = 7;
            actualLine.LineWidth = 2;
            var predictedLine = calibration.Add.Scatter(deciles[..bins.Count], bins.Select(b => Log10(b.MeanPredicted)).ToArray());
            predictedLine.LegendText = $"{forecast.Model} predicted";
            predictedLine.MarkerSize = 7;
            predictedLine.LinePattern = LinePattern.Dashed;
            predictedLine.Color = actualLine.Color;
        }

        calibration.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = log => Math.Pow(10, log).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
        };
        calibration.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        calibration.Title("Spend calibration: mean predicted vs mean actual per predicted-spend decile");
        calibration.XLabel("decile of predicted window spend (1 = lowest)");
        calibration.YLabel("mean window spend ($, log scale)");
        Save(calibration, directory, SpendCalibrationFile, written);

        var gains = new Plot();
        foreach (var forecast in spendModels)
        {
            var curve = CumulativeGains.Compute(forecast.ExpectedSpend, actual);
            var line = gains.Add.Scatter(curve.Points.Select(p => p.PopulationShare).ToArray(), curve.Points.Select(p => p.ValueShare).ToArray());
            line.LegendText = $"{forecast.Model} (Gini {forecast.Metrics.Gini:F3})";
            line.MarkerSize = 0;
            line.LineWidth = 2;
        }

        var perfect = CumulativeGains.Compute(actual, actual);
        var best = gains.Add.Scatter(perfect.Points.Select(p => p.PopulationShare).ToArray(), perfect.Points.Select(p => p.ValueShare).ToArray());
        best.LegendText = "perfect ranking";
        best.MarkerSize = 0;
        best.LinePattern = LinePattern.Dotted;
        var random = gains.Add.Line(0, 0, 1, 1);
        random.LinePattern = LinePattern.Dashed;
        random.LegendText = "random";
        gains.Title("Cumulative gains of holdout spend (customers ranked by predicted spend)");
        gains.XLabel("share of customers, highest predicted spend first");
        gains.YLabel("share of actual holdout spend");
        gains.Axes.SetLimits(0, 1, 0, 1.02);
        Save(gains, directory, GainsFile, written);

        var lift = new Plot();
        foreach (var forecast in spendModels)
        {
            var points = CumulativeGains.Compute(forecast.ExpectedSpend, actual).AtShares(10);
            var line = lift.Add.Scatter(points.Select(p => p.PopulationShare * 100).ToArray(), points.Select(p => p.Lift).ToArray());
            line.LegendText = forecast.Model;
            line.MarkerSize = 7;
        }

        var baseline = lift.Add.Line(10, 1, 100, 1);
        baseline.LinePattern = LinePattern.Dashed;
        baseline.LegendText = "random";
        lift.Title("Cumulative lift of holdout spend");
        lift.XLabel("top % of customers by predicted spend");
        lift.YLabel("lift (share of spend / share of customers)");
        lift.Legend.Alignment = Alignment.UpperRight;
        Save(lift, directory, LiftFile, written);

        var trained = result.Forecasts.Where(f => f.LossCurve.Count > 0).ToArray();
        if (trained.Length > 0)
        {
            var loss = new Plot();
            foreach (var forecast in trained)
            {
                var epochs = forecast.LossCurve.Select(p => (double)p.Epoch).ToArray();
                var train = loss.Add.Scatter(epochs, forecast.LossCurve.Select(p => p.TrainingLoss).ToArray());
                train.LegendText = $"{forecast.Model} training";
                var validation = loss.Add.Scatter(epochs, forecast.LossCurve.Select(p => p.ValidationLoss).ToArray());
                validation.LegendText = $"{forecast.Model} validation";
                validation.LinePattern = LinePattern.Dashed;
                validation.Color = train.Color;
            }

            loss.Title("LSTM training loss per epoch (validation split from the calibration period)");
            loss.XLabel("epoch");
            loss.YLabel("training objective (sum of the trained tasks' losses)");
            loss.Legend.Alignment = Alignment.MiddleRight;
            Save(loss, directory, TrainingLossFile, written);
        }

        return written;
    }

    // Decile means can be 0 (nobody bought): floor them at a cent so the log axis has a place for them.
    private static double Log10(double value) => Math.Log10(Math.Max(value, 0.01));

    private static void Save(Plot plot, string directory, string fileName, List<string> written)
    {
        plot.ShowLegend();
        plot.SavePng(Path.Combine(directory, fileName), Width, Height);
        written.Add(fileName);
    }
}
