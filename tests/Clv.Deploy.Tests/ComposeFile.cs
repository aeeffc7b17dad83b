using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Clv.Deploy.Tests;

/// <summary>docker-compose.yml at the repository root, merge keys expanded.</summary>
internal static partial class ComposeFile
{
    public static JsonObject Root { get; } = YamlJson.ParseSingleObject(RepositoryRoot.Combine("docker-compose.yml"));

    public static JsonObject Services => Root["services"]!.AsObject();

    public static JsonObject Service(string name) =>
        Services[name]?.AsObject() ?? throw new InvalidDataException($"docker-compose.yml has no service '{name}'");

    /// <summary>The one-shot topic creator's script.</summary>
    public static string TopicScript => string.Join('\n', Service("kafka-init")["command"]!.AsArray().Select(c => (string?)c));

    /// <summary>Partitions per topic as kafka-init creates them: the ceiling for consumers per group.</summary>
    public static int TopicPartitions =>
        PartitionsPattern().Match(TopicScript) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidDataException("kafka-init creates topics without --partitions");

    /// <summary>A one-shot job runs to completion and is never restarted.</summary>
    public static bool IsOneShot(JsonObject service) => (string?)service["restart"] == "no";

    [GeneratedRegex(@"--partitions\s+(\d+)")]
    private static partial Regex PartitionsPattern();
}
