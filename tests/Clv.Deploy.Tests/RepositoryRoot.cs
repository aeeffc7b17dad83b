namespace Clv.Deploy.Tests;

/// <summary>The checkout the tests run in: the nearest folder above the test binaries holding Clv.Streaming.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Clv.Streaming.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Clv.Streaming.sln above {AppContext.BaseDirectory}");
    }
}
