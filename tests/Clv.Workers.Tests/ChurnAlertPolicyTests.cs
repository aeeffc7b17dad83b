using Clv.Contracts.Alerts;
using Clv.Workers.Alerts;
using Clv.Workers.Options;
using Clv.Workers.State;

namespace Clv.Workers.Tests;

public sealed class ChurnAlertPolicyTests
{
    private const long Hour = 3_600_000;
    private readonly ChurnAlertPolicy _policy = new(new ChurnAlertOptions { JumpDelta = 0.2, Level = 0.7, CooldownHours = 24 });

    [Theory]
    [InlineData(0.10, 0.35, AlertCause.Jump)]
    [InlineData(0.60, 0.75, AlertCause.LevelCrossing)]
    [InlineData(0.40, 0.95, AlertCause.Jump)]
    [InlineData(0.75, 0.90, null)]
    [InlineData(0.30, 0.45, null)]
    [InlineData(0.80, 0.20, null)]
    public void OnEvent_AlertsOnAJumpOrAnUpwardCrossing(double before, double after, AlertCause? expected) =>
        Assert.Equal(expected, _policy.OnEvent(true, before, after, ScoringState.NoAlert, 0));

    [Fact]
    public void OnEvent_WithinTheCooldown_DoesNotAlert() =>
        Assert.Equal<AlertCause?>([null, AlertCause.Jump], [_policy.OnEvent(true, 0.1, 0.9, 0, 23 * Hour), _policy.OnEvent(true, 0.1, 0.9, 0, 24 * Hour)]);

    [Fact]
    public void OnEvent_FirstScore_HasNothingToCompareWith() =>
        Assert.Null(_policy.OnEvent(false, double.NaN, 0.99, ScoringState.NoAlert, 0));

    [Fact]
    public void OnSilence_AlertsUnlessInCooldown() =>
        Assert.Equal<AlertCause?>([AlertCause.Silence, null], [_policy.OnSilence(ScoringState.NoAlert, 0), _policy.OnSilence(0, Hour)]);
}
