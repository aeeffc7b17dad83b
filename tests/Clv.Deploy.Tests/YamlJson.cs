using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Clv.Deploy.Tests;

/// <summary>
/// YAML documents as JSON nodes, so manifests can be merged like kustomize does and handed to the
/// Kubernetes models. Plain scalars are typed by the YAML 1.2 core schema (what kubectl reads);
/// quoted scalars stay strings. Merge keys (&lt;&lt;: *anchor, used by docker-compose.yml) are expanded.
/// </summary>
internal static partial class YamlJson
{
    public static IReadOnlyList<JsonNode?> ParseDocuments(string yaml)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(yaml);
        stream.Load(new MergingParser(new Parser(reader)));
        var documents = new List<JsonNode?>(stream.Documents.Count);
        foreach (var document in stream.Documents)
        {
            documents.Add(ToJson(document.RootNode));
        }

        return documents;
    }

    public static JsonObject ParseSingleObject(string path) =>
        ParseDocuments(File.ReadAllText(path)) is [JsonObject only]
            ? only
            : throw new InvalidDataException($"{path} must hold exactly one YAML mapping");

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToJsonObject(mapping),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => ToJsonScalar(scalar),
        _ => throw new InvalidDataException($"Unexpected YAML node {node.NodeType} at {node.Start}"),
    };

    private static JsonObject ToJsonObject(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (!result.TryAdd(name, ToJson(value)))
            {
                throw new InvalidDataException($"Duplicate key '{name}' at {key.Start}");
            }
        }

        return result;
    }

    private static JsonNode? ToJsonScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" || NullPattern().IsMatch(text))
        {
            return null;
        }

        if (BoolPattern().IsMatch(text))
        {
            return JsonValue.Create(bool.Parse(text));
        }

        if (IntPattern().IsMatch(text))
        {
            return JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture));
        }

        return FloatPattern().IsMatch(text)
            ? JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture))
            : JsonValue.Create(text);
    }

    [GeneratedRegex("^(null|Null|NULL)$")]
    private static partial Regex NullPattern();

    [GeneratedRegex("^(true|True|TRUE|false|False|FALSE)$")]
    private static partial Regex BoolPattern();

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
