using Clv.Contracts.Files;

namespace Clv.Training.Backtesting;

/// <summary>
/// A backtest: fit every model on the events up to and including <see cref="CalibrationEnd"/>,
/// forecast the window (CalibrationEnd, HoldoutEnd] and score the forecasts against it.
/// <see cref="LstmMaxEpochs"/> caps LSTM training (null: the trainer's default, still with early
/// stopping on calibration data); <see cref="IncludeLstm"/> = false runs the baselines alone.
/// Every model's CLV is discounted spend over <see cref="ClvHorizonDays"/> at <see cref="AnnualDiscountRate"/>.
/// </summary>
public sealed record BacktestOptions(
    string TransactionsPath,
    DateOnly CalibrationEnd,
    DateOnly HoldoutEnd,
    string OutputDirectory,
    TransactionFileFormat Format = TransactionFileFormat.Auto,
    int Seed = 1,
    int? LstmMaxEpochs = null,
    bool IncludeLstm = true,
    int ClvHorizonDays = 365,
    double AnnualDiscountRate = 0.10)
{
    public int HoldoutDays => HoldoutEnd.DayNumber - CalibrationEnd.DayNumber;
}
