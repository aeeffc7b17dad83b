using Clv.Training.Backtesting;

namespace Clv.Training.Worlds;

/// <summary>One world of the suite: its backtest (with the true model's row where there is one) and the files written, as paths.</summary>
public sealed record WorldRun(WorldSpec World, int Customers, BacktestResult Result, IReadOnlyList<string> Files, TimeSpan Elapsed);
