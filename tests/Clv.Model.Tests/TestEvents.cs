using Clv.Model;
using Clv.Model.Data;
using Clv.Model.Features;

namespace Clv.Model.Tests;

/// <summary>Small random models and event sequences for the model's unit tests.</summary>
internal static class TestEvents
{
    public static readonly FeatureStatistics Statistics = new(3.0, 1.1, 3.2, 1.3, 3.5, 1.2) { OrderValues = new(3.3, 0.4, 0.6, 4) };

    public static MtlLstmModel Model(int hidden = 16, int dense = 12, int window = 64, int seed = 7) =>
        MtlLstmModel.CreateInitial(new ModelConfig(HiddenSize: hidden, DenseSize: dense, WindowSize: window), Statistics, seed);

    public static CustomerEvent[] Sequence(int count, int seed, DateTime? start = null)
    {
        var random = new Random(seed);
        var time = start ?? new DateTime(1997, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var events = new CustomerEvent[count];
        for (var i = 0; i < count; i++)
        {
            time = time.AddDays(random.Next(0, 40)).AddHours(random.Next(0, 24));
            var isRefund = random.NextDouble() < 0.1;
            events[i] = new CustomerEvent(time, Math.Round(random.NextDouble() * 120, 2), isRefund);
        }

        return events;
    }
}
