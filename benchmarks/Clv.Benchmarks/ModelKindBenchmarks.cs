using BenchmarkDotNet.Attributes;
using Clv.Model;
using Clv.Model.BuyTillYouDie;
using Clv.Model.Data;
using Clv.Model.Stacking;

namespace Clv.Benchmarks;

/// <summary>
/// One event through the scorer's path for each model kind at hidden 32: <see cref="CustomerState.Advance"/> (the
/// model's part, the order-value moments, the purchase-day statistics) and <see cref="CustomerState.Score"/> at the
/// model's horizons. The stack costs one LSTM step, both components' scores and the blend.
/// </summary>
[MemoryDiagnoser]
public class ModelKindBenchmarks
{
    private const int EventsPerCustomer = 1_000;

    private static readonly DateTime Start = new(2024, 3, 5, 0, 0, 0, DateTimeKind.Utc);

    private ScoringModel _model = null!;
    private CustomerState _state = null!;
    private int _events;

    [Params(ModelKind.MtlLstm, ModelKind.BgNbdGammaGamma, ModelKind.StackedLstmBgNbd)]
    public ModelKind Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var lstm = BenchmarkModels.Create(32);
        // Fader, Hardie & Lee (2005) and Fader & Hardie (2013) on CDNOW.
        var bgNbd = new BgNbdGammaGammaModel(
            lstm.Version, new BuyTillYouDieParameters(0.243, 4.414, 0.793, 2.426, 6.25, 3.74, 15.44), lstm.HorizonDays, lstm.ClvHorizonDays, lstm.AnnualDiscountRate, TrainingMetadata.Untrained);
        _model = Kind switch
        {
            ModelKind.MtlLstm => lstm,
            ModelKind.BgNbdGammaGamma => bgNbd,
            _ => new StackedLstmBgNbdModel(lstm, bgNbd, new StackWeights(0.2, 0.6, 0.3, 0.4, 0.7)),
        };
        _state = new CustomerState(_model.HiddenSize);
    }

    [Benchmark(Description = "Advance + Score (scorer path)")]
    public double AdvanceAndScore()
    {
        // A purchase every 9 days, so the purchase-day statistics take a new day each event; a customer starts
        // afresh after 1,000 events (about 25 years), so the benchmark's millions of calls stay within DateTime.
        if (_events == EventsPerCustomer)
        {
            _state.Reset();
            _events = 0;
        }

        var time = Start.AddDays(9 * _events++);
        _state.Advance(_model, new CustomerEvent(time, 42.5, false));
        return _state.Score(_model, time, _model.HorizonDays, _model.ClvHorizonDays).Clv;
    }
}
