using Clv.Contracts.Files;

namespace Clv.Model.Backtesting;

/// <summary>
/// A backtest: fit every model on the events up to and including <see cref="CalibrationEnd"/>,
/// forecast the window (CalibrationEnd, HoldoutEnd] and score the forecasts against it.
/// </summary>
public sealed record BacktestOptions(
    string TransactionsPath,
    DateOnly CalibrationEnd,
    DateOnly HoldoutEnd,
    string OutputDirectory,
    TransactionFileFormat Format = TransactionFileFormat.Auto,
    int Seed = 1)
{
    public int HoldoutDays => HoldoutEnd.DayNumber - CalibrationEnd.DayNumber;
}
