using Clv.Model.Data;
using Clv.Model.Features;

namespace Clv.Training;

/// <summary>
/// Turns customer histories into encoded windows with cutoff examples (see <see cref="CutoffGrid"/>),
/// and fits the feature statistics and the order-value prior on the training customers' calibration data.
/// </summary>
internal static class TrainingSequenceBuilder
{
    /// <summary>The heads' context after h and recency: the order-value inputs of <see cref="FeatureEncoder.OrderValueInputs"/>.</summary>
    public const int OrderValueInputCount = FeatureEncoder.HeadContextSize - 1;

    private const double DaysPerYear = 365.0;

    public static FeatureStatistics FitStatistics(IReadOnlyList<CustomerHistory> customers, DateTime calibrationEnd, int windowSize, int stepDays)
    {
        var amount = new RunningMoments();
        var gap = new RunningMoments();
        var recency = new RunningMoments();
        var orderValues = new List<OrderValueMoments>(customers.Count);
        foreach (var customer in customers)
        {
            var events = customer.Events;
            var count = customer.CountUpTo(calibrationEnd);
            var moments = new OrderValueMoments();
            for (var i = 0; i < count; i++)
            {
                moments.Add(events[i]);
                amount.Add(Math.Log(1 + events[i].Amount));
                if (i > 0)
                {
                    gap.Add(Math.Log(1 + FeatureEncoder.DaysBetween(events[i - 1].Time, events[i].Time)));
                }
            }

            orderValues.Add(moments);
            foreach (var (_, _, recencyDays) in Cutoffs(customer, calibrationEnd, windowSize, stepDays))
            {
                recency.Add(Math.Log(1 + recencyDays));
            }
        }

        return new FeatureStatistics(amount.Mean, amount.Std, gap.Mean, gap.Std, recency.Mean, recency.Std)
        {
            OrderValues = OrderValuePriorEstimator.Fit(orderValues),
        };
    }

    /// <summary>The customer's training sequence, or null when no cutoff yields an example.</summary>
    public static TrainingSequence? Build(CustomerHistory customer, DateTime calibrationEnd, int windowSize, int stepDays, double annualDiscountRate, FeatureEncoder encoder)
    {
        var events = customer.Events;
        var count = customer.CountUpTo(calibrationEnd);
        var start = Math.Max(0, count - windowSize);
        var examples = new List<TrainingExample>();
        var lastStep = -1;
        foreach (var (eventIndex, cutoff, recencyDays) in Cutoffs(customer, calibrationEnd, windowSize, stepDays))
        {
            var churned = true;
            double spend = 0;
            double clv = 0;
            for (var i = eventIndex + 1; i < count; i++)
            {
                var e = events[i];
                var sign = e.IsRefund ? -1 : 1;
                churned &= e.IsRefund;
                spend += sign * e.Amount;
                clv += sign * e.Amount * Math.Pow(1 + annualDiscountRate, -FeatureEncoder.DaysBetween(cutoff.At, e.Time) / DaysPerYear);
            }

            var step = eventIndex - start;
            lastStep = Math.Max(lastStep, step);
            examples.Add(new TrainingExample(step, encoder.Recency(recencyDays), cutoff.HorizonDays, churned, Math.Max(0, spend), Math.Max(0, clv)));
        }

        if (examples.Count == 0)
        {
            return null;
        }

        // The order-value moments start at the window's first event, as a state rebuilt over the window does.
        var steps = lastStep + 1;
        var inputs = new float[steps * FeatureEncoder.InputSize];
        var orderValueInputs = new float[steps * OrderValueInputCount];
        var moments = new OrderValueMoments();
        for (var t = 0; t < steps; t++)
        {
            var i = start + t;
            encoder.Encode(events[i], i > 0 ? events[i - 1].Time : null, inputs.AsSpan(t * FeatureEncoder.InputSize, FeatureEncoder.InputSize));
            moments.Add(events[i]);
            encoder.OrderValueInputs(moments, orderValueInputs.AsSpan(t * OrderValueInputCount, OrderValueInputCount));
        }

        return new TrainingSequence(customer.CustomerId, inputs, orderValueInputs, steps, examples.ToArray());
    }

    /// <summary>
    /// Each grid cutoff whose last event lies inside the window: (index of the customer's last
    /// event at or before the cutoff, the cutoff, days from that event to the cutoff).
    /// </summary>
    private static IEnumerable<(int EventIndex, Cutoff Cutoff, double RecencyDays)> Cutoffs(CustomerHistory customer, DateTime calibrationEnd, int windowSize, int stepDays)
    {
        var events = customer.Events;
        var count = customer.CountUpTo(calibrationEnd);
        if (count == 0)
        {
            yield break;
        }

        var start = Math.Max(0, count - windowSize);
        foreach (var cutoff in CutoffGrid.For(events[0].Time, calibrationEnd, stepDays))
        {
            var last = customer.CountUpTo(cutoff.At) - 1;
            if (last >= start)
            {
                yield return (last, cutoff, FeatureEncoder.DaysBetween(events[last].Time, cutoff.At));
            }
        }
    }
}
