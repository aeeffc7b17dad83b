using System.Diagnostics;
using Clv.Contracts.Files;
using Clv.Training.Backtesting;
using Clv.Training.Reporting;

namespace Clv.Training.Worlds;

/// <summary>
/// Runs <c>clv backtest</c>'s models on generated worlds: each world is drawn with the seed, written to
/// <c>&lt;out&gt;/&lt;world&gt;/transactions.csv</c> and backtested with the world's calibration end and
/// holdout end (the CDNOW dates) into the same directory, the true model added where the world has one.
/// The same seed draws every world from the same random numbers, so the worlds differ only by their modifier.
/// </summary>
public static class WorldSuite
{
    public const string TransactionsFile = "transactions.csv";

    public static WorldRun Run(WorldSpec world, int customers, int seed, string outputDirectory, int? lstmMaxEpochs, IProgress<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var directory = Path.Combine(outputDirectory, world.Name);
        Directory.CreateDirectory(directory);
        var transactions = Path.Combine(directory, TransactionsFile);
        var generated = WorldGenerator.Generate(world, customers, seed);
        generated.WriteCsv(transactions);
        progress?.Report($"{world.Name}: drew {customers:N0} customers with {generated.Customers.Sum(c => c.Purchases.Count):N0} purchases (seed {seed}) into {transactions}");

        var options = new BacktestOptions(transactions, world.CalibrationEnd, world.HoldoutEnd, directory, TransactionFileFormat.Csv, seed, lstmMaxEpochs);
        var result = BacktestRunner.Run(options, progress);
        if (world.IsBgNbdGammaGamma)
        {
            result = result with { Forecasts = [.. result.Forecasts, WorldOracle.Forecast(world, result)] };
            progress?.Report($"{world.Name}: added {WorldOracle.ModelName}, BG/NBD + Gamma-Gamma with the generating parameters");
        }

        var written = BacktestReportWriter.WriteAll(result);
        return new WorldRun(world, customers, result, [transactions, .. written.Select(file => Path.Combine(directory, file))], clock.Elapsed);
    }
}
