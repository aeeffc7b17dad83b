using System.Reflection;

namespace Clv.FaultInjection.Tests;

/// <summary>The built output of a program of this repository (built before the tests: see the project references), and the repository's files.</summary>
public static class BuiltProgram
{
    private static readonly string Configuration =
        typeof(BuiltProgram).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The dll of <paramref name="project"/> (e.g. <c>services/Clv.Scorer</c>), for <c>dotnet DLL</c>.</summary>
    public static string Dll(string project)
    {
        var name = Path.GetFileName(project);
        var dll = Path.Combine(RepositoryRoot, project, "bin", Configuration, "net10.0", name + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: build {project} ({Configuration}) first", dll);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Clv.Streaming.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Clv.Streaming.sln above {AppContext.BaseDirectory}");
    }
}
