using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clv.Cli;

/// <summary>
/// How every <c>--json</c> output of <c>clv</c> is written: snake_case names, indented; a metric that could not be
/// computed (NaN) is written as the string "NaN" rather than failing the whole output.
/// </summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
