using Clv.Model.BuyTillYouDie;
using Clv.Model.Stacking;
using Clv.Model.Tests.BuyTillYouDie;

namespace Clv.Model.Tests.Stacking;

/// <summary>A stacked model of a small random LSTM and the published CDNOW BG/NBD + Gamma-Gamma parameters.</summary>
internal static class StackedModels
{
    /// <summary>Weights away from 0 and 1 on every term, so a blend that dropped or swapped one would show.</summary>
    public static readonly StackWeights Weights = new(0.3, 0.7, 0.45, 0.35, 0.8);

    public static StackedLstmBgNbdModel Create(StackWeights? weights = null, int window = 64)
    {
        var lstm = TestEvents.Model(hidden: 8, dense: 6, window: window);
        var bgNbd = new BgNbdGammaGammaModel(
            lstm.Version, BgNbdGammaGammaModelTests.Published, lstm.HorizonDays, lstm.ClvHorizonDays, lstm.AnnualDiscountRate, TrainingMetadata.Untrained);
        return new StackedLstmBgNbdModel(lstm, bgNbd, weights ?? Weights);
    }
}
