using Clv.Contracts.Files;

namespace Clv.EndToEnd.Tests;

/// <summary>The first customers of the shipped CDNOW master file, written to a temporary file in the same format.</summary>
public sealed class CdnowSlice : IDisposable
{
    private CdnowSlice(string path, int rows, int customers)
    {
        Path = path;
        Rows = rows;
        Customers = customers;
    }

    public string Path { get; }

    public int Rows { get; }

    public int Customers { get; }

    public static CdnowSlice FirstCustomers(int customers)
    {
        var master = System.IO.Path.Combine(RepositoryRoot(), "data", "cdnow", "CDNOW_master.txt");
        var lines = File.ReadAllLines(master);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cdnow-slice-{Guid.NewGuid():N}.txt");
        // CDNOW customer ids are numbered from 1 and the file is sorted by customer.
        var kept = new List<string> { lines[0] };
        for (var i = 1; i < lines.Length; i++)
        {
            if (int.Parse(lines[i].AsSpan().Trim()[..5]) <= customers)
            {
                kept.Add(lines[i]);
            }
        }
        File.WriteAllLines(path, kept);

        var distinct = new HashSet<string>();
        var rows = 0;
        foreach (var row in TransactionFileReader.ReadRows(path))
        {
            rows++;
            distinct.Add(row.Event!.CustomerId);
        }
        return new CdnowSlice(path, rows, distinct.Count);
    }

    public void Dispose() => File.Delete(Path);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Clv.Streaming.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Clv.Streaming.sln not found above the test directory");
    }
}
