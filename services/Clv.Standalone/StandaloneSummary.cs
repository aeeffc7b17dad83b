using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clv.Standalone;

/// <summary>
/// What <c>--until-drained</c> writes to its summary file once every replayed event is scored, dead-lettered or
/// skipped as a repeat of an event id already applied (<c>duplicates</c>).
/// </summary>
public sealed record StandaloneSummary(
    [property: JsonPropertyName("events_in")] long EventsIn,
    [property: JsonPropertyName("updates_out")] long UpdatesOut,
    [property: JsonPropertyName("dead_lettered")] long DeadLettered,
    [property: JsonPropertyName("duplicates")] long Duplicates,
    [property: JsonPropertyName("customers_with_state")] long CustomersWithState,
    [property: JsonPropertyName("alerts")] long Alerts,
    [property: JsonPropertyName("elapsed_s")] double ElapsedSeconds,
    [property: JsonPropertyName("model_version")] string? ModelVersion)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task WriteAsync(string path)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, Indented);
    }

    public static async Task<StandaloneSummary> ReadAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<StandaloneSummary>(file)
            ?? throw new InvalidDataException($"{path} holds no summary");
    }
}
