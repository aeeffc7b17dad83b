using Clv.Training.Baselines;
using Clv.Training.Metrics;

namespace Clv.Model.Tests.Baselines;

public class GradientBoostedBaselineTests
{
    private static readonly DateOnly HoldoutEnd = new(1998, 6, 30);
    private static readonly int HoldoutDays = HoldoutEnd.DayNumber - CdnowSampleData.CalibrationEnd.DayNumber;

    [Fact]
    public void Fit_TrainsOnEveryCutoffOfTheGridAtOrAfterEachFirstPurchase()
    {
        var first = new DateOnly(1997, 9, 1);
        var customer = TwoPurchaseCustomer(first);

        var model = GradientBoostedBaseline.Fit([customer], CdnowSampleData.CalibrationEnd);

        // Cutoffs 14 and 28 days before 1997-09-30 are on/after 1997-09-01; 42 days before is not.
        Assert.Equal(2, model.TrainingExamples);
    }

    [Fact]
    public void Predict_OnCdnowSampleHoldout_RanksChurnersAndSpendersFarBetterThanAConstant()
    {
        var customers = CdnowSampleData.PurchaseDays;
        var summaries = CdnowSampleData.CalibrationSummaries();
        var outcomes = customers.Select(c => c.OutcomeBetween(CdnowSampleData.CalibrationEnd, HoldoutEnd)).ToArray();

        // Repeatability of a refit is covered by BacktestRunnerTests.Forecasts_DoNotDependOnAnythingAfterTheCalibrationEnd.
        var first = GradientBoostedBaseline.Fit(customers, CdnowSampleData.CalibrationEnd, seed: 3).Predict(summaries, HoldoutDays);

        Assert.All(first, p => Assert.InRange(p.ChurnProbability, 0.0, 1.0));
        var auc = ChurnMetrics.Auc(first.Select(p => p.ChurnProbability).ToArray(), outcomes.Select(o => o.Churned).ToArray());
        var gini = SpendMetrics.NormalizedGini(first.Select(p => p.ExpectedSpend).ToArray(), outcomes.Select(o => o.Spend).ToArray());
        Assert.True(auc > 0.7, $"churn AUC {auc:F3} should clearly beat a constant (0.5)");
        Assert.True(gini > 0.4, $"spend Gini {gini:F3} should clearly beat a constant (0)");
    }

    private static CustomerPurchaseDays TwoPurchaseCustomer(DateOnly first)
    {
        var history = new Clv.Model.Data.CustomerHistory("c1",
        [
            new(first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), 20.0, false),
            new(first.AddDays(20).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), 15.0, false),
        ]);
        return CustomerPurchaseDays.From(history);
    }
}
