using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clv.Api.Tests;

/// <summary>The API's JSON as a client reads it: snake_case names, enums as snake_case strings.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
