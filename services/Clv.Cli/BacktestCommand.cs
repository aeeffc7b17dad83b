using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Clv.Training.Backtesting;
using Clv.Training.Reporting;
using Spectre.Console;

namespace Clv.Cli;

/// <summary>
/// <c>clv backtest</c>: fits every model on the calibration period, scores the holdout window, writes
/// predictions.csv, metrics.json, report.md and its plots, prints the side-by-side table and lists every file written. The work is in
/// <see cref="BacktestRunner"/>; exit code 0 on success, 2 when the file cannot be read.
/// </summary>
public sealed class BacktestCommand : Command
{
    private readonly Option<FileInfo> _transactions = new("--transactions")
    {
        Description = "Transactions file: canonical CSV (customer_id,date,amount[,...]) or CDNOW text",
        Required = true,
    };

    private readonly Option<string> _format = FileFormatOption.Create();

    private readonly Option<DateOnly> _calibrationEnd = DateOption("--calibration-end", "Last day of the calibration period (yyyy-MM-dd), included");

    private readonly Option<DateOnly> _holdoutEnd = DateOption("--holdout-end", "Last day of the holdout window (yyyy-MM-dd), included");

    private readonly Option<DirectoryInfo> _output = new("--out")
    {
        Description = "Output directory for predictions.csv, metrics.json, report.md and the plots",
        Required = true,
    };

    private readonly Option<int> _seed = new("--seed")
    {
        Description = "Seed of every model",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<int?> _lstmMaxEpochs = LstmMaxEpochsOption();

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print the metrics of every model and the files written as JSON (progress goes to standard error)",
    };

    private readonly IAnsiConsole _console;

    public BacktestCommand(IAnsiConsole? console = null)
        : base("backtest", "Fit every model up to the calibration end and score the holdout window")
    {
        _console = console ?? CliConsole.Create();
        _transactions.AcceptExistingOnly();
        Options.Add(_transactions);
        Options.Add(_format);
        Options.Add(_calibrationEnd);
        Options.Add(_holdoutEnd);
        Options.Add(_output);
        Options.Add(_seed);
        Options.Add(_lstmMaxEpochs);
        Options.Add(_json);
        Validators.Add(result =>
        {
            if (result.GetValue(_holdoutEnd) <= result.GetValue(_calibrationEnd))
            {
                result.AddError("--holdout-end must be after --calibration-end");
            }
        });
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        var options = new BacktestOptions(
            parse.GetValue(_transactions)!.FullName,
            parse.GetValue(_calibrationEnd),
            parse.GetValue(_holdoutEnd),
            parse.GetValue(_output)!.FullName,
            FileFormatOption.ValueOf(parse, _format),
            parse.GetValue(_seed),
            parse.GetValue(_lstmMaxEpochs));
        var json = parse.GetValue(_json);
        BacktestResult result;
        try
        {
            result = BacktestRunner.Run(options, Progress(_console, json));
        }
        catch (InvalidDataException e)
        {
            _console.MarkupLineInterpolated($"[red]cannot backtest on {options.TransactionsPath}:[/] {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _console.MarkupLineInterpolated($"[red]cannot read {options.TransactionsPath}:[/] {e.Message}");
            return 2;
        }

        var written = BacktestReportWriter.WriteAll(result);
        if (json)
        {
            _console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new
            {
                CalibrationEnd = options.CalibrationEnd, HoldoutEnd = options.HoldoutEnd, Customers = result.CustomerIds.Count,
                Models = result.Forecasts.Select(forecast => new { forecast.Model, forecast.Metrics }),
                Files = written.Select(file => Path.Combine(options.OutputDirectory, file)),
            }, CliJson.Options));
            return 0;
        }

        _console.Write(Table(result));
        _console.MarkupLineInterpolated($"wrote {written.Count} files to {options.OutputDirectory}:");
        foreach (var file in written)
        {
            _console.MarkupLineInterpolated($"  {Path.Combine(options.OutputDirectory, file)}");
        }
        return 0;
    }

    /// <summary>The cap on LSTM epochs, as every command that trains the backtest's models takes it.</summary>
    internal static Option<int?> LstmMaxEpochsOption() => new("--lstm-max-epochs")
    {
        Description = "Cap on LSTM training epochs (default: the trainer's, with early stopping on calibration data)",
    };

    /// <summary>Timestamped progress lines: on the console, or on standard error when stdout carries JSON.</summary>
    internal static IProgress<string> Progress(IAnsiConsole console, bool json) => new CallbackProgress<string>(message =>
    {
        if (json)
        {
            Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} {message}");
        }
        else
        {
            console.MarkupLineInterpolated($"[grey]{DateTime.Now:HH:mm:ss}[/] {message}");
        }
    });

    internal static Option<DateOnly> DateOption(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        CustomParser = argument =>
        {
            var text = argument.Tokens.Count == 1 ? argument.Tokens[0].Value : "";
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            argument.AddError($"{name} expects a date as yyyy-MM-dd, got '{text}'");
            return default;
        },
    };

    internal static Table Table(BacktestResult result)
    {
        var table = new Table().Title(Markup.Escape(
            $"Holdout ({result.Options.CalibrationEnd:yyyy-MM-dd}, {result.Options.HoldoutEnd:yyyy-MM-dd}], {result.CustomerIds.Count:N0} customers"));
        table.AddColumn("model");
        foreach (var column in new[] { "churn AUC", "log loss", "spend MAE", "spend RMSE", "Gini", "P10-P90 coverage", "randomised P10-P90 coverage" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var forecast in result.Forecasts)
        {
            var m = forecast.Metrics;
            table.AddRow(
                forecast.Model,
                BacktestReportWriter.Format(m.ChurnAuc, "F3"),
                BacktestReportWriter.Format(m.ChurnLogLoss, "F3"),
                BacktestReportWriter.Format(m.SpendMae, "F2"),
                BacktestReportWriter.Format(m.SpendRmse, "F2"),
                BacktestReportWriter.Format(m.Gini, "F3"),
                BacktestReportWriter.Percent(m.IntervalCoverage),
                BacktestReportWriter.Percent(m.RandomisedIntervalCoverage));
        }

        return table;
    }
}
