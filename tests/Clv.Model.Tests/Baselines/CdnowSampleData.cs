using System.Globalization;
using Clv.Contracts.Transactions;
using Clv.Model.Baselines;

namespace Clv.Model.Tests.Baselines;

/// <summary>The CDNOW sample summarised at the end of the standard calibration period.</summary>
internal static class CdnowSampleData
{
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    private static readonly Lazy<IReadOnlyList<CustomerPurchaseDays>> Customers = new(Load);

    public static IReadOnlyList<CustomerPurchaseDays> PurchaseDays => Customers.Value;

    public static RfmSummary[] CalibrationSummaries() =>
        PurchaseDays.Select(c => RfmSummary.At(c, CalibrationEnd)).OfType<RfmSummary>().ToArray();

    public static string RepositoryPath(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Clv.Streaming.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine([directory?.FullName ?? throw new InvalidOperationException("Clv.Streaming.sln not found above the test binaries."), .. parts]);
    }

    // Stand-in until contracts' TransactionFileReader is merged: master id, sample id, yyyymmdd, CDs, dollars.
    private static IReadOnlyList<CustomerPurchaseDays> Load()
    {
        var events = File.ReadLines(RepositoryPath("data", "cdnow", "CDNOW_sample.txt"))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select((line, index) =>
            {
                var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                var date = DateTime.ParseExact(fields[2], "yyyyMMdd", CultureInfo.InvariantCulture);
                return new TransactionEvent(index.ToString(CultureInfo.InvariantCulture), fields[0], new DateTimeOffset(date, TimeSpan.Zero),
                    double.Parse(fields[4], CultureInfo.InvariantCulture), "USD", TransactionKind.Purchase);
            });
        return CustomerPurchaseDays.FromTransactions(events);
    }
}
