using Clv.Contracts.ModelLifecycle;
using Clv.ModelLifecycle;
using Clv.Training.Lifecycle;

namespace Clv.Trainer.Tests;

/// <summary>Retrain requests carry a deadline and are coalesced (issue 11, finding 8).</summary>
public sealed class RetrainAdmissionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RequestsThatPiledUpDuringATraining_CostNoFurtherTraining()
    {
        var admission = new RetrainAdmission();
        // The schedule asked every hour while one training took three: four requests wait in the queue.
        var queued = Enumerable.Range(0, 4).Select(h => Request(T0.AddHours(h))).ToList();

        var first = admission.Admit(queued[0], "cdnow.txt", now: T0.AddMinutes(1));
        var rest = queued.Skip(1).Select(r => admission.Admit(r, "cdnow.txt", now: T0.AddHours(3.5))).ToList();
        var later = admission.Admit(Request(T0.AddHours(4)), "cdnow.txt", now: T0.AddHours(4));

        Assert.Null(first);
        // The request of 1 h was made after the first training started (it may want newer history): it trains, at 3.5 h;
        // those of 2 h and 3 h were made before that second training started: it covers them.
        Assert.Null(rest[0]);
        Assert.All(rest.Skip(1), reason => Assert.StartsWith("coalesced", reason));
        Assert.Null(later);
    }

    [Fact]
    public void ARequestPastItsDeadline_IsDropped_AndAnotherSourceIsNotCoalesced()
    {
        var admission = new RetrainAdmission();

        var expired = admission.Admit(Request(T0, deadline: T0.AddHours(1)), "cdnow.txt", now: T0.AddHours(2));
        var trained = admission.Admit(Request(T0.AddHours(2)), "cdnow.txt", now: T0.AddHours(2));
        var otherSource = admission.Admit(Request(T0.AddHours(1)), "redis", now: T0.AddHours(2));

        Assert.StartsWith("expired", expired);
        Assert.Null(trained);
        Assert.Null(otherSource);
    }

    private static RetrainRequested Request(DateTimeOffset at, DateTimeOffset? deadline = null) =>
        new("schedule", "", CalibrationEnd: null, at, Deadline: deadline);
}
