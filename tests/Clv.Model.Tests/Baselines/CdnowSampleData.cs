using Clv.Contracts.Files;
using Clv.Training.Baselines;
using Clv.Model.Data;

namespace Clv.Model.Tests.Baselines;

/// <summary>The CDNOW sample summarised at the end of the standard calibration period.</summary>
internal static class CdnowSampleData
{
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    private static readonly Lazy<IReadOnlyList<CustomerPurchaseDays>> Customers = new(() =>
        CustomerHistories.FromEvents(TransactionFileReader.Load(SamplePath, TransactionFileFormat.Cdnow).Events)
            .Select(CustomerPurchaseDays.From)
            .ToArray());

    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "data", "cdnow", "CDNOW_sample.txt");

    public static IReadOnlyList<CustomerPurchaseDays> PurchaseDays => Customers.Value;

    public static RfmSummary[] CalibrationSummaries() =>
        PurchaseDays.Select(c => RfmSummary.At(c, CalibrationEnd)).OfType<RfmSummary>().ToArray();
}
