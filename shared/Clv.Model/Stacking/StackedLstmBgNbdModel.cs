using Clv.Model.BuyTillYouDie;
using Clv.Model.Data;

namespace Clv.Model.Stacking;

/// <summary>
/// The MTL-LSTM and BG/NBD + Gamma-Gamma served as one model: each event costs one LSTM step plus the O(1)
/// purchase-day update every <see cref="CustomerState"/> keeps, and each score is both components' scores on the same
/// state blended by <see cref="StackWeights"/>. The components share the version, horizons and discount rate; the
/// LSTM's window is the model's (a rebuild replays it). Immutable, so one instance serves any number of scoring threads.
/// </summary>
public sealed class StackedLstmBgNbdModel : ScoringModel
{
    public StackedLstmBgNbdModel(MtlLstmModel lstm, BgNbdGammaGammaModel bgNbd, StackWeights weights)
        : base(Required(lstm).Version, lstm.Metadata)
    {
        ArgumentNullException.ThrowIfNull(bgNbd);
        ArgumentNullException.ThrowIfNull(weights);
        weights.Validate();
        if (bgNbd.Version != lstm.Version)
        {
            throw new ArgumentException($"The stack's components name different versions: LSTM {lstm.Version}, BG/NBD {bgNbd.Version}.");
        }

        if ((bgNbd.HorizonDays, bgNbd.ClvHorizonDays, bgNbd.AnnualDiscountRate) != (lstm.HorizonDays, lstm.ClvHorizonDays, lstm.AnnualDiscountRate))
        {
            throw new ArgumentException(
                $"The stack's components disagree on horizon, CLV horizon or discount rate: LSTM ({lstm.HorizonDays}, {lstm.ClvHorizonDays}, {lstm.AnnualDiscountRate}), BG/NBD ({bgNbd.HorizonDays}, {bgNbd.ClvHorizonDays}, {bgNbd.AnnualDiscountRate}).");
        }

        Lstm = lstm;
        BgNbd = bgNbd;
        Weights = weights;
    }

    public MtlLstmModel Lstm { get; }

    public BgNbdGammaGammaModel BgNbd { get; }

    public StackWeights Weights { get; }

    public override ModelKind Kind => ModelKind.StackedLstmBgNbd;

    public override int HiddenSize => Lstm.HiddenSize;

    public override int? WindowSize => Lstm.WindowSize;

    public override int HorizonDays => Lstm.HorizonDays;

    public override int ClvHorizonDays => Lstm.ClvHorizonDays;

    public override double AnnualDiscountRate => Lstm.AnnualDiscountRate;

    internal override void AdvanceModelPart(CustomerState state, in CustomerEvent e)
    {
        Lstm.AdvanceModelPart(state, e);
        BgNbd.AdvanceModelPart(state, e);
    }

    internal override ModelScores Score(CustomerState state, DateTime asOf, int horizonDays, int clvHorizonDays) =>
        Weights.Combine(Lstm.Score(state, asOf, horizonDays, clvHorizonDays), BgNbd.Score(state, asOf, horizonDays, clvHorizonDays));

    private static MtlLstmModel Required(MtlLstmModel lstm)
    {
        ArgumentNullException.ThrowIfNull(lstm);
        return lstm;
    }
}
