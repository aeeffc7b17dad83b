using System.Text.Json;

namespace Clv.Deploy.Tests;

/// <summary>
/// Every library (NuGet package or project) in a project's restored dependency closure, read from the
/// <c>obj/project.assets.json</c> that restore writes: transitive packages included, so a reference that
/// drags ML.NET in through another package is seen too.
/// </summary>
internal static class DependencyClosure
{
    public static IReadOnlyList<string> Of(string projectDirectory)
    {
        var assets = Path.Combine(RepositoryRoot.Combine(projectDirectory), "obj", "project.assets.json");
        if (!File.Exists(assets))
        {
            throw new InvalidOperationException($"{assets} is missing: restore the solution first (dotnet test Clv.Streaming.sln does)");
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(assets));
        var names = new List<string>();
        foreach (var library in document.RootElement.GetProperty("libraries").EnumerateObject())
        {
            names.Add(library.Name[..library.Name.IndexOf('/')]);
        }

        return names;
    }
}
