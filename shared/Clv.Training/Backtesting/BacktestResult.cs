using Clv.Model.Stacking;
using Clv.Training.Baselines;

namespace Clv.Training.Backtesting;

/// <summary>Everything a backtest measured: who was scored, what they did, what each model said.</summary>
public sealed record BacktestResult(
    BacktestOptions Options,
    int EventsRead,
    int MalformedRows,
    IReadOnlyList<string> CustomerIds,
    IReadOnlyList<WindowOutcome> Outcomes,
    IReadOnlyList<ModelForecast> Forecasts,
    BgNbdParameters BgNbd,
    GammaGammaParameters GammaGamma,
    int GradientBoostedTrainingExamples,
    FitDiagnostics BgNbdFit,
    FitDiagnostics GammaGammaFit,
    StackWeights? Stack = null,
    IReadOnlyList<CustomerTrajectory>? Trajectories = null,
    FitDiagnostics? PseudoBacktestBgNbdFit = null);
