namespace Clv.Trainer.Tests;

/// <summary>Files shipped in the repository, found by walking up to the solution file.</summary>
internal static class RepositoryFiles
{
    public static string Path(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Clv.Streaming.sln")))
            {
                return System.IO.Path.Combine(directory.FullName, relative);
            }
        }

        throw new InvalidOperationException($"No Clv.Streaming.sln above {AppContext.BaseDirectory}");
    }
}
