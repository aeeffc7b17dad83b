using System.Text.RegularExpressions;

namespace Clv.Deploy.Tests;

/// <summary>The services' Dockerfiles, read as instruction lines (continuations joined, comments dropped).</summary>
internal static partial class Dockerfiles
{
    /// <summary>Every service that ships an image, by project folder.</summary>
    public static TheoryData<string> Projects => ["Clv.Sequencer", "Clv.Scorer", "Clv.Trainer", "Clv.Api", "Clv.Cli", "Clv.Standalone"];

    /// <summary>The images that serve /health/* (the standalone one through its --health-port).</summary>
    public static TheoryData<string> HttpProjects => ["Clv.Sequencer", "Clv.Scorer", "Clv.Trainer", "Clv.Api", "Clv.Standalone"];

    public static string PathOf(string project) => $"services/{project}/Dockerfile";

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
            var line = raw.Trim();
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

    public static IEnumerable<int> ExposedPorts(string project) =>
        Instructions(project)
            .Where(i => i.StartsWith("EXPOSE ", StringComparison.Ordinal))
            .SelectMany(i => i["EXPOSE ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex("^clv-([a-z]+)$")]
    private static partial Regex ImageNamePattern();
}
