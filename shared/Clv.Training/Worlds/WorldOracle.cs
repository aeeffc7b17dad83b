using Clv.Contracts.Files;
using Clv.Model.BuyTillYouDie;
using Clv.Model.Data;
using Clv.Training.Backtesting;
using Clv.Training.Baselines;
using Clv.Training.Metrics;

namespace Clv.Training.Worlds;

/// <summary>
/// The true model of a world drawn from BG/NBD + Gamma-Gamma, with the generating parameters (nothing
/// fitted), so the backtest shows how close every model comes to the best forecaster of that data:
/// churn, expected purchases and the spend's P10/P90 from BG/NBD, the value per purchase the posterior given every
/// order value the customer made, the first included. Unlike the Gamma-Gamma baseline, which follows
/// Fader &amp; Hardie (2013) in leaving the first purchase out, the world draws the first order from the
/// customer's own ν like the rest, so leaving it out would throw information away.
/// <para>
/// A world without dropout (a = 0) is the NBD limit: P(alive) = 1, E[X(t)] = (r+x) t / (α+T), P(no purchase) =
/// ((α+T)/(α+T+t))^(r+x). BG/NBD's formulas give exactly these at a = 0 (the odds term a/(b+x-1) vanishes and the
/// hypergeometric series of E[X(t)] stops after one term), so the same code serves both worlds; a test holds them to the
/// NBD equations.
/// </para>
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
        var purchases = new BgNbdModel(world.Purchases);
        var predictions = result.CustomerIds
            .Select(id => summaries[id]!.Value)
            .Select(s => purchases.PredictWindow(s, options.HoldoutDays / 7.0, OrderValues(world.Values, s)) with
            {
                Clv = purchases.DiscountedExpectedTransactions(s, options.ClvHorizonDays / 7.0, Math.Log(1 + options.AnnualDiscountRate) / 365)
                      * ExpectedOrderValue(world.Values, s),
            })
            .ToArray();
        return new ModelForecast(ModelName, predictions, ModelMetrics.Compute(predictions, result.Outcomes), []);
    }

    /// <summary>ν | z₁..zₙ ~ Gamma(q + pn, γ + Σz), every purchase day counted, the first included.</summary>
    public static OrderValuePosterior OrderValues(GammaGammaParameters values, RfmSummary customer)
    {
        var (p, q, gamma) = values;
        return OrderValuePosterior.After(p, q, gamma, customer.Frequency + 1, customer.TotalValue);
    }

    /// <summary>
    /// E[z | z₁..zₙ] = p (γ + Σz) / (pn + q - 1): with zₖ ~ Gamma(p, ν) and ν ~ Gamma(q, γ), the posterior
    /// of ν given n orders is Gamma(q + pn, γ + Σz), and E[z] = p E[1/ν]. Every purchase day counts, the first included.
    /// </summary>
    public static double ExpectedOrderValue(GammaGammaParameters values, RfmSummary customer) => OrderValues(values, customer).Mean;
}
