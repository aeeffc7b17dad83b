using System.Text.RegularExpressions;

namespace Clv.Deploy.Tests;

/// <summary>
/// The services' Dockerfiles, read as instruction lines (continuations joined, comments dropped). The HTTP services
/// share one (<see cref="SharedPath"/>), built with <c>--build-arg SERVICE=&lt;project&gt;</c>: read for a project, its
/// <c>${SERVICE}</c> reads as that project, as the build expands it.
/// </summary>
internal static partial class Dockerfiles
{
    public const string SharedPath = "deploy/docker/Dockerfile";

    /// <summary>Every service that ships an image, by project folder.</summary>
    public static TheoryData<string> Projects => ["Clv.Sequencer", "Clv.Scorer", "Clv.Trainer", "Clv.Api", "Clv.Cli", "Clv.Standalone"];

    /// <summary>The images that serve /health/* (the standalone one through its --health-port).</summary>
    public static TheoryData<string> HttpProjects => ["Clv.Sequencer", "Clv.Scorer", "Clv.Trainer", "Clv.Api", "Clv.Standalone"];

    /// <summary>The services built from <see cref="SharedPath"/>; the console tools keep their own Dockerfile.</summary>
    public static IReadOnlyList<string> SharedProjects { get; } = ["Clv.Sequencer", "Clv.Scorer", "Clv.Trainer", "Clv.Api"];

    public static string PathOf(string project) => SharedProjects.Contains(project) ? SharedPath : $"services/{project}/Dockerfile";

    /// <summary>The project an image name stands for: clv-scorer (any registry, any tag) -> Clv.Scorer.</summary>
    public static string ProjectOfImage(string image)
    {
        var repository = image.Split('/')[^1].Split(':')[0];
        var match = ImageNamePattern().Match(repository);
        return match.Success
            ? "Clv." + char.ToUpperInvariant(match.Groups[1].Value[0]) + match.Groups[1].Value[1..]
            : throw new InvalidDataException($"Image '{image}' is not one of the clv-<service> images");
    }

    public static IReadOnlyList<string> Instructions(string project)
    {
        var lines = new List<string>();
        var pending = "";
        foreach (var raw in File.ReadLines(RepositoryRoot.Combine(PathOf(project))))
        {
            var line = raw.Trim().Replace("${SERVICE}", project, StringComparison.Ordinal);
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            lines.Add(pending + line);
            pending = "";
        }

        return lines;
    }

    /// <summary>What the build copies from the build context (COPY sources, not --from=stage copies).</summary>
    public static IEnumerable<string> CopiedSources(string project) =>
        Instructions(project)
            .Where(i => i.StartsWith("COPY ", StringComparison.Ordinal) && !i.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(i => i.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]);

    /// <summary>
    /// The assembly the image starts: the ENTRYPOINT's, or the target of the link the build made in its place
    /// (<c>ln -s &lt;assembly&gt; /out/app/&lt;entry&gt;</c>).
    /// </summary>
    public static string StartedAssembly(string project)
    {
        var instructions = Instructions(project);
        var entry = EntrypointPattern().Match(instructions.Last(i => i.StartsWith("ENTRYPOINT ", StringComparison.Ordinal)));
        if (!entry.Success)
        {
            throw new InvalidDataException($"{PathOf(project)}: the ENTRYPOINT is not [\"dotnet\", \"<assembly>.dll\"]");
        }

        var started = entry.Groups[1].Value;
        foreach (var link in instructions.SelectMany(i => LinkPattern().Matches(i)))
        {
            if (link.Groups[2].Value == started)
            {
                started = link.Groups[1].Value;
            }
        }

        return started;
    }

    public static IEnumerable<int> ExposedPorts(string project) =>
        Instructions(project)
            .Where(i => i.StartsWith("EXPOSE ", StringComparison.Ordinal))
            .SelectMany(i => i["EXPOSE ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex("^clv-([a-z]+)$")]
    private static partial Regex ImageNamePattern();

    [GeneratedRegex(@"^ENTRYPOINT \[""dotnet"", ""([^""/]+\.dll)""\]$")]
    private static partial Regex EntrypointPattern();

    [GeneratedRegex(@"\bln -s (\S+\.dll) /out/app/(\S+\.dll)")]
    private static partial Regex LinkPattern();
}
