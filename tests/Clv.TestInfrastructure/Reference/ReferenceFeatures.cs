using Clv.Model.Data;
using Clv.Model.Features;

namespace Clv.TestInfrastructure.Reference;

/// <summary>The eight event inputs and the recency input, written from docs/model.md ("Inputs of one event").</summary>
public static class ReferenceFeatures
{
    public static double[] Event(CustomerEvent e, DateTime? previousTime, FeatureStatistics statistics)
    {
        var x = new double[8];
        x[0] = (Math.Log(1 + e.Amount) - statistics.LogAmountMean) / statistics.LogAmountStd;
        x[1] = e.IsRefund ? 1 : 0;
        if (previousTime is null)
        {
            x[2] = 0;
            x[3] = 1;
        }
        else
        {
            var gapDays = Math.Max(0, (e.Time - previousTime.Value).TotalDays);
            x[2] = (Math.Log(1 + gapDays) - statistics.LogGapMean) / statistics.LogGapStd;
            x[3] = 0;
        }

        var day = (int)e.Time.DayOfWeek; // Sunday = 0
        x[4] = Math.Sin(2 * Math.PI * day / 7);
        x[5] = Math.Cos(2 * Math.PI * day / 7);
        var month = e.Time.Month;
        x[6] = Math.Sin(2 * Math.PI * (month - 1) / 12);
        x[7] = Math.Cos(2 * Math.PI * (month - 1) / 12);
        return x;
    }

    public static double Recency(double daysSinceLastEvent, FeatureStatistics statistics) =>
        (Math.Log(1 + Math.Max(0, daysSinceLastEvent)) - statistics.LogRecencyMean) / statistics.LogRecencyStd;
}
