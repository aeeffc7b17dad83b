using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Clv.Cli.Alerts;
using Clv.Training.Backtesting;
using Clv.Workers.Options;
using Spectre.Console;

namespace Clv.Cli;

/// <summary>
/// <c>clv alerts evaluate</c>: fits on the calibration period, streams the holdout through the workers' alert policy
/// and through the recency and BG/NBD rules, and prints precision, lift, lead time, volume and value coverage side
/// by side (<c>--json</c> for the same as JSON); <c>--out</c> also writes the precision-volume plot and the JSON.
/// Exit code 0 on success, 2 when the file cannot be read.
/// </summary>
public sealed class AlertsEvaluateCommand : Command
{
    private readonly Option<FileInfo> _transactions = new("--transactions") { Description = "Transactions file: canonical CSV or CDNOW text", Required = true };
    private readonly Option<string> _format = FileFormatOption.Create();
    private readonly Option<DateOnly> _calibrationEnd = BacktestCommand.DateOption("--calibration-end", "Last day of the calibration period (yyyy-MM-dd), included");
    private readonly Option<DateOnly> _holdoutEnd = BacktestCommand.DateOption("--holdout-end", "Last day of the holdout (yyyy-MM-dd); alerts are counted up to 90 days before it");
    private readonly Option<DirectoryInfo?> _output = new("--out") { Description = "Directory for alerts_evaluation.json and the precision-volume plot" };
    private readonly Option<bool> _json = new("--json") { Description = "Print the result as JSON instead of a table" };
    private readonly Option<int> _seed = new("--seed") { Description = "Seed of the MTL-LSTM", DefaultValueFactory = _ => 1 };
    private readonly Option<int?> _lstmMaxEpochs = new("--lstm-max-epochs") { Description = "Cap on LSTM training epochs" };
    private readonly Option<double> _level = new("--level") { Description = "Alert level (Workers:Alerts:Level)", DefaultValueFactory = _ => new ChurnAlertOptions().Level };
    private readonly Option<double> _jump = new("--jump") { Description = "Jump threshold (Workers:Alerts:JumpDelta)", DefaultValueFactory = _ => new ChurnAlertOptions().JumpDelta };
    private readonly Option<int> _maxAlerts = new("--max-alerts") { Description = "Alerts per customer per budget window (Workers:Alerts:MaxAlertsPerBudget)", DefaultValueFactory = _ => new ChurnAlertOptions().MaxAlertsPerBudget };
    private readonly IAnsiConsole _console;

    public AlertsEvaluateCommand(IAnsiConsole? console = null)
        : base("evaluate", "Measure the churn alert policy against the recency and BG/NBD rules on a holdout period")
    {
        _console = console ?? CliConsole.Create();
        _transactions.AcceptExistingOnly();
        foreach (var option in new Option[] { _transactions, _format, _calibrationEnd, _holdoutEnd, _output, _json, _seed, _lstmMaxEpochs, _level, _jump, _maxAlerts })
        {
            Options.Add(option);
        }

        Validators.Add(result =>
        {
            if (result.GetValue(_holdoutEnd).DayNumber - result.GetValue(_calibrationEnd).DayNumber <= AlertOutcomes.OutcomeDays)
            {
                result.AddError($"--holdout-end must be more than {AlertOutcomes.OutcomeDays} days after --calibration-end");
            }
        });
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        var json = parse.GetValue(_json);
        var policy = new ChurnAlertOptions { Level = parse.GetValue(_level), JumpDelta = parse.GetValue(_jump), MaxAlertsPerBudget = parse.GetValue(_maxAlerts) };
        var options = new AlertEvaluationOptions(
            parse.GetValue(_transactions)!.FullName,
            FileFormatOption.ValueOf(parse, _format),
            parse.GetValue(_calibrationEnd),
            parse.GetValue(_holdoutEnd),
            policy,
            RecencyOptions.DefaultThresholdDays,
            parse.GetValue(_seed),
            parse.GetValue(_lstmMaxEpochs));
        AlertEvaluationResult result;
        try
        {
            result = AlertEvaluation.Run(options, new CallbackProgress<string>(message =>
            {
                if (!json)
                {
                    _console.MarkupLineInterpolated($"[grey]{DateTime.Now:HH:mm:ss}[/] {message}");
                }
            }));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            _console.MarkupLineInterpolated($"[red]cannot read {options.TransactionsPath}:[/] {e.Message}");
            return 2;
        }

        var text = JsonSerializer.Serialize(result, CliJson.Options);
        if (parse.GetValue(_output) is { } directory)
        {
            var plot = AlertEvaluationPlot.Write(directory.FullName, result);
            File.WriteAllText(Path.Combine(directory.FullName, "alerts_evaluation.json"), text);
            if (!json)
            {
                _console.MarkupLineInterpolated($"wrote {plot} and alerts_evaluation.json");
            }
        }

        if (json)
        {
            _console.Profile.Out.Writer.WriteLine(text);
        }
        else
        {
            _console.Write(Table(result));
        }

        return 0;
    }

    private static Table Table(AlertEvaluationResult result)
    {
        var table = new Table().Title(Markup.Escape(
            $"Alerts raised {result.WindowStart:yyyy-MM-dd} (excl.) .. {result.WindowEnd:yyyy-MM-dd}, {result.Customers:N0} customers, judged by the next 90 days"));
        table.AddColumn("rule").AddColumn("setting");
        foreach (var column in new[] { "alerts", "per customer-year", "precision", "base rate", "lift", "median lead (days)", "value coverage" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var r in result.Rules)
        {
            table.AddRow(
                Markup.Escape(r.Rule), Markup.Escape(r.Setting), r.Alerts.ToString("N0", CultureInfo.InvariantCulture),
                r.AlertsPerCustomerYear.ToString("F3", CultureInfo.InvariantCulture), r.Precision.ToString("P1", CultureInfo.InvariantCulture),
                r.BaseRate.ToString("P1", CultureInfo.InvariantCulture), r.Lift.ToString("F2", CultureInfo.InvariantCulture),
                r.MedianLeadDays.ToString("F0", CultureInfo.InvariantCulture), r.ValueCoverage.ToString("P1", CultureInfo.InvariantCulture));
        }

        return table;
    }
}
