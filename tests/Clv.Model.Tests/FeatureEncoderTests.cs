using Clv.Model.Data;
using Clv.Model.Features;

namespace Clv.Model.Tests;

public sealed class FeatureEncoderTests
{
    private static readonly FeatureEncoder Encoder = new(new FeatureStatistics(2, 0.5, 1, 2, 0, 1));
    private static readonly DateTime Monday = new(1997, 3, 3, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Encode_FirstEvent_FlagsItAndLeavesTheGapAtZero()
    {
        Span<float> x = stackalloc float[FeatureEncoder.InputSize];

        Encoder.Encode(new CustomerEvent(Monday, 10, IsRefund: false), previousEventTime: null, x);

        Assert.Equal(1f, x[3]);
        Assert.Equal(0f, x[2]);
    }

    [Fact]
    public void Encode_StandardisesLogAmountAndLogGapWithTheStoredStatistics()
    {
        Span<float> x = stackalloc float[FeatureEncoder.InputSize];
        var gapDays = Math.Exp(3) - 1;

        Encoder.Encode(new CustomerEvent(Monday.AddDays(gapDays), Math.Exp(3) - 1, IsRefund: true), Monday, x);

        Assert.Equal((3 - 2) / 0.5, x[0], 1e-5);
        Assert.Equal(1f, x[1]);
        Assert.Equal((3 - 1) / 2.0, x[2], 1e-5);
        Assert.Equal(0f, x[3]);
    }

    [Fact]
    public void Encode_SameWeekdayAndMonth_GiveTheSameCalendarFeatures()
    {
        var a = new float[FeatureEncoder.InputSize];
        var b = new float[FeatureEncoder.InputSize];

        Encoder.Encode(new CustomerEvent(Monday, 10, false), null, a);
        Encoder.Encode(new CustomerEvent(Monday.AddDays(14), 10, false), null, b);
        var c = new float[FeatureEncoder.InputSize];
        Encoder.Encode(new CustomerEvent(Monday.AddDays(1), 10, false), null, c);

        Assert.Equal(a[4..8], b[4..8]);
        Assert.NotEqual(a[4..6], c[4..6]);
    }
}
