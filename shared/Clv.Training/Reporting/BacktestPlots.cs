using Clv.Training.Backtesting;
using Clv.Training.Metrics;
using ScottPlot;

namespace Clv.Training.Reporting;

/// <summary>
/// The report's PNG plots, one per question: are spend and churn calibrated, who ranks spenders and
/// churners best, do the intervals hold, how did training go. Every model keeps one colour in every
/// plot; axes are linear with plain units.
/// </summary>
public static class BacktestPlots
{
    public const string SpendCalibrationFile = "spend_calibration.png";
    public const string ChurnReliabilityFile = "churn_reliability.png";
    public const string ChurnCaptureFile = "churn_capture.png";
    public const string GainsFile = "gains.png";
    public const string LiftFile = "lift.png";
    public const string IntervalCoverageFile = "interval_coverage.png";
    public const string ChurnTrainingLossFile = "training_loss_churn.png";
    public const string SpendTrainingLossFile = "training_loss_spend.png";
    public const string ChurnTrajectoryFile = "trajectory_churn.png";
    public const string ClvTrajectoryFile = "trajectory_clv.png";

    private const int Width = 900;
    private const int Height = 600;

    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>Writes the plots into <paramref name="directory"/> and returns the file names written.</summary>
    public static IReadOnlyList<string> Write(string directory, BacktestResult result)
    {
        var written = new List<string>();
        var colours = result.Forecasts.Select((f, i) => (f.Model, Colour: Palette.GetColor(i))).ToDictionary(p => p.Model, p => p.Colour);
        var actual = result.Outcomes.Select(o => o.Spend).ToArray();
        var churned = result.Outcomes.Select(o => o.Churned ? 1.0 : 0.0).ToArray();
        var spendModels = result.Forecasts.Where(f => !double.IsNaN(f.Metrics.SpendMae)).ToArray();
        var churnModels = result.Forecasts.Where(f => !double.IsNaN(f.Metrics.ChurnAuc)).ToArray();

        var calibration = new Plot();
        foreach (var forecast in spendModels)
        {
            var bins = SpendMetrics.DecileCalibration(forecast.ExpectedSpend, actual);
            Series(calibration, bins.Select(b => b.MeanPredicted), bins.Select(b => b.MeanActual), forecast.Model, colours[forecast.Model]);
        }

        var spendMax = spendModels.SelectMany(f => SpendMetrics.DecileCalibration(f.ExpectedSpend, actual)).Select(b => Math.Max(b.MeanPredicted, b.MeanActual)).DefaultIfEmpty(1).Max();
        Diagonal(calibration, spendMax, "predicted = actual");
        calibration.Title("Spend calibration: one point per decile of predicted window spend");
        calibration.XLabel("mean predicted window spend in the decile ($)");
        calibration.YLabel("mean actual window spend in the decile ($)");
        Save(calibration, directory, SpendCalibrationFile, written, Alignment.UpperLeft);

        if (churnModels.Length > 0)
        {
            var reliability = new Plot();
            foreach (var forecast in churnModels)
            {
                var bins = SpendMetrics.DecileCalibration(forecast.ChurnProbabilities, churned);
                Series(reliability, bins.Select(b => b.MeanPredicted), bins.Select(b => b.MeanActual), forecast.Model, colours[forecast.Model]);
            }

            Diagonal(reliability, 1, "predicted = observed");
            reliability.Title("Churn reliability: one point per decile of predicted churn probability");
            reliability.XLabel("mean predicted P(no purchase in the window)");
            reliability.YLabel("share of the decile that bought nothing in the window");
            reliability.Axes.SetLimits(0, 1, 0, 1);
            Save(reliability, directory, ChurnReliabilityFile, written, Alignment.UpperLeft);

            GainsPlot(
                churnModels.Select(f => (f.ChurnProbabilities, $"{f.Model} (AUC {f.Metrics.ChurnAuc:F3})", colours[f.Model])),
                churned,
                ("Churn capture: churners found when contacting the customers most likely to churn first",
                    "share of customers contacted, highest predicted churn first",
                    "share of all churners among them"),
                directory,
                ChurnCaptureFile,
                written);
        }

        GainsPlot(
            spendModels.Select(f => (f.ExpectedSpend, $"{f.Model} (Gini {f.Metrics.Gini:F3})", colours[f.Model])),
            actual,
            ("Cumulative gains of holdout spend (customers ranked by predicted spend)",
                "share of customers, highest predicted spend first",
                "share of actual holdout spend"),
            directory,
            GainsFile,
            written);

        var lift = new Plot();
        foreach (var forecast in spendModels)
        {
            var points = CumulativeGains.Compute(forecast.ExpectedSpend, actual).AtShares(10);
            Series(lift, points.Select(p => p.PopulationShare * 100), points.Select(p => p.Lift), forecast.Model, colours[forecast.Model]);
        }

        var baseline = lift.Add.Line(10, 1, 100, 1);
        baseline.LinePattern = LinePattern.Dashed;
        baseline.Color = Colors.Gray;
        baseline.LegendText = "random";
        lift.Title("Cumulative lift of holdout spend");
        lift.XLabel("top % of customers by predicted spend");
        lift.YLabel("lift (share of spend / share of customers)");
        Save(lift, directory, LiftFile, written, Alignment.UpperRight);

        var intervalModels = result.Forecasts.Where(f => f.HasIntervals).ToArray();
        if (intervalModels.Length > 0)
        {
            var coverage = new Plot();
            foreach (var forecast in intervalModels)
            {
                var plain = SpendMetrics.CoverageByDecile(forecast.ExpectedSpend, SpendMetrics.Inside(forecast.SpendP10, forecast.SpendP90, actual));
                Series(coverage, plain.Select(b => (double)b.Bin), plain.Select(b => 100 * b.MeanActual), $"{forecast.Model}, plain count (overall {100 * forecast.Metrics.IntervalCoverage:F1}%)", colours[forecast.Model]);
                if (forecast.HasRandomisedCoverage)
                {
                    // Beside the plain count in a lighter shade of the model's colour, dashed: the series a calibrated model keeps at 80%.
                    var randomised = SpendMetrics.CoverageByDecile(forecast.ExpectedSpend, SpendMetrics.RandomisedInside(forecast.SpendZeroMass, forecast.SpendP10, forecast.SpendP90, actual));
                    var line = Series(coverage, randomised.Select(b => (double)b.Bin), randomised.Select(b => 100 * b.MeanActual), $"{forecast.Model}, randomised (overall {100 * forecast.Metrics.RandomisedIntervalCoverage:F1}%)", colours[forecast.Model].Lighten(0.45));
                    line.LinePattern = LinePattern.Dashed;
                    line.MarkerShape = MarkerShape.FilledSquare;
                }
            }

            var target = coverage.Add.Line(1, 80, 10, 80);
            target.LinePattern = LinePattern.Dashed;
            target.Color = Colors.Gray;
            target.LegendText = "target 80%";
            coverage.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
            coverage.Axes.SetLimits(0.5, 10.5, 0, 100);
            coverage.Title("P10-P90 coverage per decile of predicted window spend: plain count and randomised (dashed)");
            coverage.XLabel("decile of predicted window spend (1 = lowest)");
            coverage.YLabel("coverage of [P10, P90] (% of customers)");
            Save(coverage, directory, IntervalCoverageFile, written, Alignment.LowerLeft);
        }

        var trajectories = result.Trajectories ?? [];
        if (trajectories.Count > 0)
        {
            TrajectoryPlot(trajectories, p => (p.LstmChurn, p.BgNbdChurn), $"P(no purchase in the next {result.Options.HoldoutDays} days)", ChurnTrajectoryFile, directory, written);
            TrajectoryPlot(trajectories, p => (p.LstmClv, p.BgNbdClv), "CLV: discounted spend over the next 365 days ($)", ClvTrajectoryFile, directory, written);
        }

        LossPlot(result.Forecasts, colours, l => l.Churn, "churn log loss per example (nats)", ChurnTrainingLossFile, directory, written);
        LossPlot(result.Forecasts, colours, l => l.Spend, "spend negative log-likelihood per example (nats)", SpendTrainingLossFile, directory, written);
        return written;
    }

    // One task's loss per epoch for every LSTM that trained it: comparable across models, unlike the summed objective.
    private static void LossPlot(
        IReadOnlyList<ModelForecast> forecasts,
        IReadOnlyDictionary<string, Color> colours,
        Func<Training.TaskLosses, double> task,
        string label,
        string fileName,
        string directory,
        List<string> written)
    {
        var trained = forecasts.Where(f => f.LossCurve.Count > 0 && !double.IsNaN(task(f.LossCurve[0].Train))).ToArray();
        if (trained.Length == 0)
        {
            return;
        }

        var loss = new Plot();
        foreach (var forecast in trained)
        {
            var epochs = forecast.LossCurve.Select(p => (double)p.Epoch).ToArray();
            var train = loss.Add.Scatter(epochs, forecast.LossCurve.Select(p => task(p.Train)).ToArray());
            train.LegendText = $"{forecast.Model} training";
            train.Color = colours[forecast.Model];
            var validation = loss.Add.Scatter(epochs, forecast.LossCurve.Select(p => task(p.Validation)).ToArray());
            validation.LegendText = $"{forecast.Model} validation";
            validation.LinePattern = LinePattern.Dashed;
            validation.Color = colours[forecast.Model];
        }

        loss.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        loss.Title("LSTM loss per epoch (validation = held-out customers of the calibration period)");
        loss.XLabel("epoch");
        loss.YLabel(label);
        Save(loss, directory, fileName, written, Alignment.UpperRight);
    }

    // One colour per customer; solid = MTL-LSTM, dashed = BG/NBD + Gamma-Gamma; a dot on each purchase day.
    private static void TrajectoryPlot(
        IReadOnlyList<CustomerTrajectory> trajectories,
        Func<TrajectoryPoint, (double Lstm, double BgNbd)> value,
        string label,
        string fileName,
        string directory,
        List<string> written)
    {
        var plot = new Plot();
        for (var k = 0; k < trajectories.Count; k++)
        {
            var trajectory = trajectories[k];
            var colour = Palette.GetColor(k);
            var days = trajectory.Points.Select(p => p.Day.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
            var lstm = plot.Add.Scatter(days, trajectory.Points.Select(p => value(p).Lstm).ToArray());
            lstm.LegendText = $"{trajectory.Kind} ({trajectory.CustomerId}), MTL-LSTM";
            lstm.Color = colour;
            lstm.MarkerSize = 0;
            lstm.LineWidth = 2;
            var bgNbd = plot.Add.Scatter(days, trajectory.Points.Select(p => value(p).BgNbd).ToArray());
            bgNbd.LegendText = $"{trajectory.Kind} ({trajectory.CustomerId}), BG/NBD + GG";
            bgNbd.Color = colour;
            bgNbd.MarkerSize = 0;
            bgNbd.LinePattern = LinePattern.Dashed;
            var purchases = trajectory.Points.Where(p => trajectory.PurchaseDays.Contains(p.Day)).ToArray();
            var marks = plot.Add.ScatterPoints(
                purchases.Select(p => p.Day.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray(),
                purchases.Select(p => value(p).Lstm).ToArray());
            marks.Color = colour;
            marks.MarkerSize = 8;
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Title("Typical customers through the calibration period (dots: purchase days)");
        plot.XLabel("day (score at the end of the day)");
        plot.YLabel(label);
        Save(plot, directory, fileName, written, Alignment.UpperLeft);
    }

    private static ScottPlot.Plottables.Scatter Series(Plot plot, IEnumerable<double> xs, IEnumerable<double> ys, string legend, Color colour)
    {
        var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
        line.LegendText = legend;
        line.Color = colour;
        line.MarkerSize = 7;
        line.LineWidth = 2;
        return line;
    }

    // Cumulative gains of `actual` for each ranking, with the perfect ranking and random for reference.
    private static void GainsPlot(
        IEnumerable<(double[] Predicted, string Legend, Color Colour)> rankings,
        double[] actual,
        (string Title, string X, string Y) labels,
        string directory,
        string fileName,
        List<string> written)
    {
        var plot = new Plot();
        foreach (var (predicted, legend, colour) in rankings)
        {
            Curve(plot, CumulativeGains.Compute(predicted, actual), legend, colour, LinePattern.Solid);
        }

        Curve(plot, CumulativeGains.Compute(actual, actual), "perfect ranking", Colors.Black, LinePattern.Dotted);
        Diagonal(plot, 1, "random");
        plot.Title(labels.Title);
        plot.XLabel(labels.X);
        plot.YLabel(labels.Y);
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        Save(plot, directory, fileName, written, Alignment.LowerRight);
    }

    private static void Curve(Plot plot, CumulativeGains curve, string legend, Color colour, LinePattern pattern)
    {
        var line = plot.Add.Scatter(curve.Points.Select(p => p.PopulationShare).ToArray(), curve.Points.Select(p => p.ValueShare).ToArray());
        line.LegendText = legend;
        line.Color = colour;
        line.MarkerSize = 0;
        line.LineWidth = 2;
        line.LinePattern = pattern;
    }

    private static void Diagonal(Plot plot, double to, string legend)
    {
        var line = plot.Add.Line(0, 0, to, to);
        line.LinePattern = LinePattern.Dashed;
        line.Color = Colors.Gray;
        line.LegendText = legend;
    }

    private static void Save(Plot plot, string directory, string fileName, List<string> written, Alignment legendPlace)
    {
        plot.ShowLegend();
        plot.Legend.Alignment = legendPlace;
        plot.SavePng(Path.Combine(directory, fileName), Width, Height);
        written.Add(fileName);
    }
}
