using Clv.Contracts.Files;
using Clv.Model.Data;
using Clv.Training.Backtesting;
using Clv.Training.Baselines;
using Clv.Training.Metrics;

namespace Clv.Training.Worlds;

/// <summary>
/// The true model of a world drawn from BG/NBD + Gamma-Gamma: the same forecasts as the fitted
/// baseline, but with the generating parameters, so the backtest shows how close every model comes
/// to what the best possible forecaster on that data would say. Nothing is fitted.
/// </summary>
public static class WorldOracle
{
    public const string ModelName = "true_bgnbd_gammagamma";

    /// <summary>The true model's forecast for the backtest's customers, in the order of <see cref="BacktestResult.CustomerIds"/>.</summary>
    public static ModelForecast Forecast(WorldSpec world, BacktestResult result)
    {
        if (!world.IsBgNbdGammaGamma)
        {
            throw new ArgumentException($"World {world.Name} is not drawn from BG/NBD + Gamma-Gamma alone; it has no closed-form true model.", nameof(world));
        }

        var options = result.Options;
        var summaries = CustomerHistories.FromEvents(TransactionFileReader.Load(options.TransactionsPath, options.Format).Events)
            .ToDictionary(h => h.CustomerId, h => RfmSummary.At(CustomerPurchaseDays.From(h), options.CalibrationEnd));
        var truth = new BgNbdGammaGammaBaseline(new BgNbdModel(world.Purchases), new GammaGammaModel(world.Values));
        var predictions = result.CustomerIds
            .Select(id => summaries[id]!.Value)
            .Select(s => truth.Predict(s, options.HoldoutDays / 7.0) with { Clv = truth.Clv(s, options.ClvHorizonDays, options.AnnualDiscountRate) })
            .ToArray();
        return new ModelForecast(ModelName, predictions, ModelMetrics.Compute(predictions, result.Outcomes), []);
    }
}
