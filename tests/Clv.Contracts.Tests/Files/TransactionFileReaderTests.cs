using Clv.Contracts.Files;
using Clv.Contracts.Transactions;

namespace Clv.Contracts.Tests.Files;

public sealed class TransactionFileReaderTests : IDisposable
{
    private static readonly string CdnowDirectory = Path.Combine(AppContext.BaseDirectory, "data", "cdnow");
    private readonly string _directory = Directory.CreateTempSubdirectory("clv-files-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_CdnowMaster_ReadsEveryTransactionAndSkipsTheHeader()
    {
        var file = TransactionFileReader.Load(Path.Combine(CdnowDirectory, "CDNOW_master.txt"));

        Assert.Empty(file.MalformedRows);
        Assert.Equal(69_659, file.Events.Count);
        Assert.Equal(23_570, file.Events.Select(e => e.CustomerId).Distinct().Count());
    }

    [Fact]
    public void Load_CdnowSample_UsesTheMasterIdAsCustomerId()
    {
        var file = TransactionFileReader.Load(Path.Combine(CdnowDirectory, "CDNOW_sample.txt"));

        Assert.Empty(file.MalformedRows);
        Assert.Equal(6_919, file.Events.Count);
        Assert.Equal(2_357, file.Events.Select(e => e.CustomerId).Distinct().Count());
        var first = file.Events.First(e => e.EventId == "CDNOW_sample:1");
        Assert.Equal(new TransactionEvent("CDNOW_sample:1", "00004", new DateTimeOffset(1997, 1, 1, 0, 0, 0, TimeSpan.Zero), 29.33, "USD", TransactionKind.Purchase), first);
    }

    [Fact]
    public void Load_SortsByEventTimeAndKeepsFileOrderForEqualTimes()
    {
        var path = Write("order.csv",
            "customer_id,date,amount",
            "c1,2024-01-03,1",
            "c2,2024-01-02,2",
            "c3,2024-01-03,3",
            "c4,2024-01-01,4",
            "c5,2024-01-03,5");

        var file = TransactionFileReader.Load(path);

        Assert.Equal(["c4", "c2", "c1", "c3", "c5"], file.Events.Select(e => e.CustomerId));
    }

    [Fact]
    public void ReadRows_Csv_ReportsEachMalformedRowWithItsLineNumberAndReason()
    {
        var path = Write("mixed.csv",
            "customer_id,date,amount,note",
            "c1,2024-01-01,10.5,ok",
            "c2,yesterday,3,bad date",
            "",
            "c3,2024-01-02,-4,negative",
            "c4,2024-01-02,NaN,nan",
            ",2024-01-02,1,no customer",
            "c5,2024-01-02");

        var rows = TransactionFileReader.ReadRows(path).ToList();

        Assert.Equal([2, 3, 5, 6, 7, 8], rows.Select(r => r.LineNumber));
        Assert.True(rows[0].IsValid);
        Assert.Contains("date \"yesterday\"", rows[1].Error);
        Assert.Contains("never negative", rows[2].Error);
        Assert.Contains("finite", rows[3].Error);
        Assert.Contains("customer_id is empty", rows[4].Error);
        Assert.Contains("2 columns", rows[5].Error);
    }

    [Fact]
    public void ReadRows_CsvOptionalColumns_FillTheEventAndDefaultWhenEmpty()
    {
        var path = Write("full.csv",
            "Amount,Customer_Id,occurred_at,kind,currency,channel,category,event_id",
            "12.5,c1,2024-03-01T10:15:00+02:00,refund,eur,web,\"jazz, live\",e-1",
            "3,c2,2024-03-01 08:00:00,,,,,");

        var rows = TransactionFileReader.ReadRows(path).ToList();

        Assert.Equal(
            new TransactionEvent("e-1", "c1", new DateTimeOffset(2024, 3, 1, 8, 15, 0, TimeSpan.Zero), 12.5, "EUR", TransactionKind.Refund, "web", "jazz, live"),
            rows[0].Event);
        Assert.Equal(
            new TransactionEvent("full:3", "c2", new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero), 3, "USD", TransactionKind.Purchase),
            rows[1].Event);
    }

    [Fact]
    public void ReadRows_UnknownKindOrCurrency_IsMalformed()
    {
        var path = Write("kinds.csv",
            "customer_id,date,amount,kind,currency",
            "c1,2024-01-01,1,gift,USD",
            "c1,2024-01-01,1,purchase,DOLLARS");

        var errors = TransactionFileReader.ReadRows(path).Select(r => r.Error).ToList();

        Assert.Contains("kind \"gift\"", errors[0]);
        Assert.Contains("currency \"DOLLARS\"", errors[1]);
    }

    [Fact]
    public void ReadRows_CsvHeaderWithoutAmount_Throws()
    {
        var path = Write("noamount.csv", "customer_id,date,value", "c1,2024-01-01,1");

        var error = Assert.Throws<InvalidDataException>(() => TransactionFileReader.ReadRows(path).ToList());
        Assert.Contains("amount", error.Message);
    }

    [Fact]
    public void ReadRows_Cdnow_ReportsWrongColumnCountsAndBadDates()
    {
        var path = Write("cd.txt",
            " 00001 19970101  1  11.77",
            " 00002 19971340  1  12.00",
            " 00003 19970101  1",
            " 00004 0001 19970101  2  29.33");

        var rows = TransactionFileReader.ReadRows(path, TransactionFileFormat.Cdnow).ToList();

        Assert.True(rows[0].IsValid);
        Assert.Contains("19971340", rows[1].Error);
        Assert.Contains("3 columns", rows[2].Error);
        Assert.Equal("00004", rows[3].Event?.CustomerId);
    }

    [Fact]
    public void ReadRows_SameFileTwice_YieldsTheSameEventIds()
    {
        var path = Write("ids.txt", "customer_id date cds value", " 00001 19970101  1  11.77", " 00001 19970101  2  9.00");

        var first = TransactionFileReader.ReadRows(path).Select(r => r.Event!.EventId).ToList();
        var second = TransactionFileReader.ReadRows(path).Select(r => r.Event!.EventId).ToList();

        Assert.Equal(["ids:2", "ids:3"], first);
        Assert.Equal(first, second);
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n");
        return path;
    }
}
