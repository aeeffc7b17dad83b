using Clv.Training.Backtesting;
using Clv.Training.Reporting;
using Clv.Model.Tests.Baselines;

namespace Clv.Model.Tests.Backtesting;

/// <summary>
/// One backtest of the CDNOW sample on the standard split, written to a temporary directory, shared
/// by a test class. The LSTMs train for two epochs: the tests check the plumbing, not the model.
/// </summary>
public sealed class SampleBacktestFixture : IDisposable
{
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);
    public static readonly DateOnly HoldoutEnd = new(1998, 6, 30);

    public SampleBacktestFixture()
    {
        OutputDirectory = Path.Combine(Path.GetTempPath(), "clv-backtest-" + Guid.NewGuid().ToString("N"));
        Result = BacktestRunner.Run(Options(CdnowSampleData.SamplePath, OutputDirectory));
        BacktestReportWriter.WriteAll(Result);
    }

    public string OutputDirectory { get; }

    public BacktestResult Result { get; }

    public static BacktestOptions Options(string transactions, string output) =>
        new(transactions, CalibrationEnd, HoldoutEnd, output, Clv.Contracts.Files.TransactionFileFormat.Cdnow, Seed: 5, LstmMaxEpochs: 2);

    public void Dispose() => Directory.Delete(OutputDirectory, recursive: true);
}
