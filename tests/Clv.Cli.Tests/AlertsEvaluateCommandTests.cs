using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Clv.Cli.Tests;

public sealed class AlertsEvaluateCommandTests : IDisposable
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "data", "cdnow", "CDNOW_sample.txt");

    private readonly string _directory = Directory.CreateTempSubdirectory("clv-alerts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Evaluate_OnCdnowSample_PrintsJson_WithTheRecencyRuleCountedAsTheFileSays_AndWritesThePlot()
    {
        var (exitCode, output) = Run("alerts", "evaluate", "--transactions", Sample, "--format", "cdnow",
            "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--lstm-max-epochs", "1", "--json", "--out", _directory);

        Assert.True(exitCode == 0, output);
        using var json = JsonDocument.Parse(output);
        var rules = json.RootElement.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(5, rules.Count);
        Assert.Equal("MTL-LSTM alert policy", rules[0].GetProperty("rule").GetString());
        Assert.DoesNotContain("\u001b[", output);

        // The 90-day recency rule, counted here straight from the file: a purchase day followed by 90 silent days
        // whose 90th falls in (1997-09-30, 1998-04-01]; correct when the next 90 days have no purchase either.
        var (alerts, correct) = RecencyRuleFromFile(new DateOnly(1997, 9, 30), new DateOnly(1998, 4, 1));
        var recency = rules[1];
        Assert.Equal(alerts, recency.GetProperty("alerts").GetInt32());
        Assert.Equal((double)correct / alerts, recency.GetProperty("precision").GetDouble(), 1e-12);
        Assert.True(File.Exists(Path.Combine(_directory, "alerts_precision_volume.png")), "plot missing");
    }

    [Fact]
    public void Evaluate_WithAHoldoutOf90DaysOrLess_FailsWithoutWriting()
    {
        var (exitCode, output) = Run("alerts", "evaluate", "--transactions", Sample,
            "--calibration-end", "1997-09-30", "--holdout-end", "1997-12-29", "--out", _directory);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--holdout-end", output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    private static (int Alerts, int Correct) RecencyRuleFromFile(DateOnly after, DateOnly through)
    {
        var days = File.ReadLines(Sample)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 4 && char.IsAsciiDigit(f[0][0]))
            .GroupBy(f => f[0], f => DateOnly.ParseExact(f[^3], "yyyyMMdd", CultureInfo.InvariantCulture))
            .Select(g => g.Distinct().Order().ToList());
        int alerts = 0, correct = 0;
        foreach (var purchases in days)
        {
            for (var i = 0; i < purchases.Count; i++)
            {
                var due = purchases[i].AddDays(90);
                var next = i + 1 < purchases.Count ? purchases[i + 1] : DateOnly.MaxValue;
                if (due < next && due > after && due <= through)
                {
                    alerts++;
                    correct += next > due.AddDays(90) ? 1 : 0;
                }
            }
        }

        return (alerts, correct);
    }

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var root = new RootCommand { new AlertsCommand(PlainConsole.Into(output)) };
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
        return (exitCode, output.ToString());
    }
}
