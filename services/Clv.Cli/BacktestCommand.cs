using System.CommandLine;
using System.Globalization;
using Clv.Contracts.Files;
using Clv.Model.Backtesting;
using Clv.Model.Reporting;
using Spectre.Console;

namespace Clv.Cli;

/// <summary>
/// <c>clv backtest</c>: fits every model on the calibration period, scores the holdout window and
/// writes predictions.csv, metrics.json and report.md; the work is in <see cref="BacktestRunner"/>.
/// </summary>
public static class BacktestCommand
{
    public static Command Create()
    {
        var transactions = new Option<FileInfo>("--transactions") { Description = "Transactions file (canonical CSV or CDNOW text)", Required = true };
        var format = new Option<TransactionFileFormat>("--format") { Description = "csv or cdnow (detected from the first line when omitted)", DefaultValueFactory = _ => TransactionFileFormat.Auto };
        var calibrationEnd = DateOption("--calibration-end", "Last day of the calibration period (yyyy-MM-dd), included");
        var holdoutEnd = DateOption("--holdout-end", "Last day of the holdout window (yyyy-MM-dd), included");
        var output = new Option<DirectoryInfo>("--out") { Description = "Output directory", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed of every model", DefaultValueFactory = _ => 1 };

        var command = new Command("backtest", "Fit every model up to the calibration end and score the holdout window")
        {
            transactions, format, calibrationEnd, holdoutEnd, output, seed,
        };
        command.SetAction(parse =>
        {
            var options = new BacktestOptions(
                parse.GetValue(transactions)!.FullName,
                parse.GetValue(calibrationEnd),
                parse.GetValue(holdoutEnd),
                parse.GetValue(output)!.FullName,
                parse.GetValue(format),
                parse.GetValue(seed));
            var result = BacktestRunner.Run(options, new CallbackProgress<string>(message =>
                AnsiConsole.MarkupLine($"[grey]{DateTime.Now:HH:mm:ss}[/] {Markup.Escape(message)}")));
            BacktestReportWriter.WriteAll(result);
            AnsiConsole.Write(Table(result));
            AnsiConsole.MarkupLine($"Wrote {Markup.Escape(options.OutputDirectory)}: predictions.csv, metrics.json, report.md");
            return 0;
        });
        return command;
    }

    private static Option<DateOnly> DateOption(string name, string description) => new(name)
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

            argument.AddError($"{name} expects a date as yyyy-MM-dd, got '{text}'.");
            return default;
        },
    };

    private static Table Table(BacktestResult result)
    {
        var table = new Table().Title(Markup.Escape($"Holdout ({result.Options.CalibrationEnd:yyyy-MM-dd}, {result.Options.HoldoutEnd:yyyy-MM-dd}], {result.CustomerIds.Count:N0} customers"));
        table.AddColumn("model");
        foreach (var column in new[] { "churn AUC", "log loss", "spend MAE", "spend RMSE", "Gini" })
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
                BacktestReportWriter.Format(m.Gini, "F3"));
        }

        return table;
    }
}
