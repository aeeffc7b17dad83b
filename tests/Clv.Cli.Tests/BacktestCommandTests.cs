using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Clv.Cli.Tests;

public sealed class BacktestCommandTests : IDisposable
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "data", "cdnow", "CDNOW_sample.txt");

    private readonly string _directory = Directory.CreateTempSubdirectory("clv-backtest-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Backtest_OnCdnowSample_WritesAPredictionPerCustomerAndModelAndPrintsEveryModel()
    {
        var (exitCode, output) = Run("backtest", "--transactions", Sample, "--format", "cdnow",
            "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--out", _directory, "--lstm-max-epochs", "1");

        Assert.True(exitCode == 0, output);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "metrics.json")));
        var models = metrics.RootElement.GetProperty("models").EnumerateObject().Select(m => m.Name).ToArray();
        var customers = metrics.RootElement.GetProperty("customers").GetInt32();
        var rows = File.ReadAllLines(Path.Combine(_directory, "predictions.csv")).Skip(1).Select(line => line.Split(',')).ToArray();
        Assert.Equal(2357, customers);
        Assert.Equal(customers * models.Length, rows.Length);
        Assert.All(models, model => Assert.Equal(customers, rows.Count(r => r[1] == model)));
        Assert.All(models, model => Assert.Contains(model, output));
        Assert.Contains("randomised P10-P90 coverage", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "report.md")), "report.md missing");
        // Every file in the output directory is listed, and nothing that is not there.
        var files = Directory.EnumerateFiles(_directory).Select(Path.GetFileName).ToArray();
        Assert.Contains("churn_reliability.png", files);
        Assert.All(files, file => Assert.Contains(Path.Combine(_directory, file!), output, StringComparison.Ordinal));
        Assert.Contains($"wrote {files.Length} files", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BacktestJson_PrintsOnlyJson_WithTheMetricsFileModelsAndEveryFileWritten()
    {
        var (exitCode, output) = Run("backtest", "--transactions", Sample, "--format", "cdnow",
            "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--out", _directory, "--lstm-max-epochs", "1", "--json");

        Assert.True(exitCode == 0, output);
        using var printed = JsonDocument.Parse(output);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "metrics.json")));
        var written = metrics.RootElement.GetProperty("models").EnumerateObject().Select(m => m.Name).Order();
        var reported = printed.RootElement.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("model").GetString()).Order();
        Assert.Equal(written, reported);
        // The randomised coverage printed is the one in metrics.json: a number where the model has intervals, else NaN / null.
        foreach (var model in printed.RootElement.GetProperty("models").EnumerateArray())
        {
            var inFile = metrics.RootElement.GetProperty("models").GetProperty(model.GetProperty("model").GetString()!).GetProperty("spend_interval_coverage_randomised");
            var printedValue = model.GetProperty("metrics").GetProperty("randomised_interval_coverage");
            Assert.Equal(
                inFile.ValueKind == JsonValueKind.Number ? inFile.GetDouble().ToString("R", CultureInfo.InvariantCulture) : "NaN",
                printedValue.ValueKind == JsonValueKind.Number ? printedValue.GetDouble().ToString("R", CultureInfo.InvariantCulture) : printedValue.GetString());
        }

        Assert.Equal(metrics.RootElement.GetProperty("customers").GetInt32(), printed.RootElement.GetProperty("customers").GetInt32());
        var files = Directory.EnumerateFiles(_directory).Order();
        Assert.Equal(files, printed.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()).Order());
    }

    [Fact]
    public void Backtest_OnAFileWithNoCustomerInCalibration_SaysSoWithExitCode2_NotAStackTrace()
    {
        var path = Path.Combine(_directory, "late.csv");
        File.WriteAllText(path, "customer_id,date,amount\nc1,1998-01-05,10\nc2,1998-02-01,12\n");

        var (exitCode, output) = Run("backtest", "--transactions", path,
            "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--out", Path.Combine(_directory, "out"));

        Assert.Equal(2, exitCode);
        Assert.Contains($"cannot backtest on {path}: Too little history before 1997-09-30", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void Backtest_WithHoldoutEndNotAfterCalibrationEnd_FailsWithoutWriting()
    {
        var (exitCode, output) = Run("backtest", "--transactions", Sample,
            "--calibration-end", "1997-09-30", "--holdout-end", "1997-09-30", "--out", _directory);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--holdout-end", output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var console = PlainConsole.Into(output);
        var root = new RootCommand { new BacktestCommand(console) };
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
        return (exitCode, output.ToString());
    }
}
