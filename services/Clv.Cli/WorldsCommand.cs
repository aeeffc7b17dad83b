using System.CommandLine;
using System.Text.Json;
using Clv.Training.Worlds;
using Spectre.Console;

namespace Clv.Cli;

/// <summary>
/// <c>clv worlds</c>: draws generated worlds with a known truth (<see cref="WorldCatalogue"/>), runs every model of
/// <c>clv backtest</c> on each (plus the true BG/NBD + Gamma-Gamma where the world has one), writes each world's
/// files into its own directory and worlds.md beside them, prints the tables and lists every file written.
/// Exit code 0 on success, 2 when a world cannot be written or backtested.
/// </summary>
public sealed class WorldsCommand : Command
{
    public const int MinimumCustomers = 100;

    private readonly Option<DirectoryInfo> _output = new("--out")
    {
        Description = "Output directory: one subdirectory per world (transactions.csv and the backtest's files) and worlds.md",
        Required = true,
    };

    private readonly Option<string[]> _worlds = new("--world")
    {
        Description = $"World to run, repeatable (default: all of {string.Join(", ", WorldCatalogue.All.Select(w => w.Name))})",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<int> _customers = new("--customers")
    {
        Description = "Customers drawn per world",
        DefaultValueFactory = _ => 3_000,
    };

    private readonly Option<int> _seed = new("--seed")
    {
        Description = "Seed of the worlds and of every model",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<int?> _lstmMaxEpochs = BacktestCommand.LstmMaxEpochsOption();

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print every world's metrics and the files written as JSON (progress goes to standard error)",
    };

    private readonly IAnsiConsole _console;

    public WorldsCommand(IAnsiConsole? console = null)
        : base("worlds", "Backtest every model on generated worlds with a known truth (BG/NBD itself, no dropout, seasonality, spend trends, wholesale buyers, a regime change)")
    {
        _console = console ?? CliConsole.Create();
        Options.Add(_output);
        Options.Add(_worlds);
        Options.Add(_customers);
        Options.Add(_seed);
        Options.Add(_lstmMaxEpochs);
        Options.Add(_json);
        _customers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < MinimumCustomers)
            {
                result.AddError($"--customers must be at least {MinimumCustomers}: fewer leave too few repeat buyers to fit every model");
            }
        });
        Validators.Add(result =>
        {
            foreach (var name in result.GetValue(_worlds) ?? [])
            {
                if (WorldCatalogue.Find(name) is null)
                {
                    result.AddError($"--world: no world named '{name}'; the worlds are {string.Join(", ", WorldCatalogue.All.Select(w => w.Name))}");
                }
            }
        });
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        var names = parse.GetValue(_worlds);
        var worlds = names is { Length: > 0 } ? names.Select(name => WorldCatalogue.Find(name)!).Distinct().ToArray() : WorldCatalogue.All;
        var output = parse.GetValue(_output)!.FullName;
        var (customers, seed, json) = (parse.GetValue(_customers), parse.GetValue(_seed), parse.GetValue(_json));
        var progress = BacktestCommand.Progress(_console, json);
        var runs = new List<WorldRun>();
        var step = "";
        string summary;
        try
        {
            foreach (var world in worlds)
            {
                step = $"world {world.Name}";
                progress.Report($"world {runs.Count + 1} of {worlds.Count}: {world.Name} ({world.Description})");
                runs.Add(WorldSuite.Run(world, customers, seed, output, parse.GetValue(_lstmMaxEpochs), progress));
            }

            step = WorldSummaryWriter.FileName;
            summary = WorldSummaryWriter.Write(output, runs, seed);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            _console.MarkupLineInterpolated($"[red]cannot write {step} into {output}:[/] {e.Message}");
            return 2;
        }

        var files = runs.SelectMany(run => run.Files).Append(summary).ToArray();
        if (json)
        {
            _console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new
            {
                Seed = seed, CustomersPerWorld = customers,
                Worlds = runs.Select(run => new
                {
                    World = run.World.Name, run.World.Description, Customers = run.Result.CustomerIds.Count, Seconds = Math.Round(run.Elapsed.TotalSeconds, 1),
                    Models = run.Result.Forecasts.Select(forecast => new { forecast.Model, forecast.Metrics }),
                    run.Files,
                }),
                Files = files,
            }, CliJson.Options));
            return 0;
        }

        foreach (var run in runs)
        {
            _console.MarkupLineInterpolated($"[bold]{run.World.Name}[/]: {run.World.Description}");
            _console.Write(BacktestCommand.Table(run.Result));
        }

        _console.MarkupLineInterpolated($"wrote {files.Length} files to {output}:");
        foreach (var file in files)
        {
            _console.MarkupLineInterpolated($"  {file}");
        }

        return 0;
    }
}
