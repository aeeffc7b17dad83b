using BenchmarkDotNet.Attributes;
using Clv.Model;
using Clv.Model.Data;

namespace Clv.Benchmarks;

/// <summary>
/// What one new event costs at hidden 32 with a full 64-event window: the scorer's incremental path (one step
/// from the stored state, then the heads) against rescoring the whole window from zero state (what a stateless
/// scorer would do per event). Both reuse one <see cref="CustomerState"/>, so neither pays for allocation.
/// </summary>
[MemoryDiagnoser]
public class RescoringBenchmarks
{
    private const int Hidden = 32;

    private MtlLstmModel _model = null!;
    private CustomerEvent[] _window = null!;
    private CustomerState _state = null!;
    private DateTime _asOf;

    [GlobalSetup]
    public void Setup()
    {
        _model = BenchmarkModels.Create(Hidden);
        var random = new Random(5);
        _window = new CustomerEvent[_model.Config.WindowSize];
        var time = new DateTime(2023, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < _window.Length; i++)
        {
            _window[i] = new CustomerEvent(time, 5 + (random.NextDouble() * 95), random.NextDouble() < 0.1);
            time = time.AddDays(1 + random.Next(20));
        }

        _asOf = _window[^1].Time;
        _state = new CustomerState(Hidden);
        _state.Rebuild(_model, _window.AsSpan(0, _window.Length - 1));
    }

    [Benchmark(Baseline = true, Description = "incremental: one step + heads")]
    public double Incremental()
    {
        var last = _window[^1];
        _state.Advance(_model, last);
        return _state.Score(_model, _asOf, _model.Config.HorizonDays, _model.Config.ClvHorizonDays).ChurnProbability;
    }

    [Benchmark(Description = "full rescoring: 64 steps + heads")]
    public double FullWindow()
    {
        _state.Rebuild(_model, _window);
        return _state.Score(_model, _asOf, _model.Config.HorizonDays, _model.Config.ClvHorizonDays).ChurnProbability;
    }
}
