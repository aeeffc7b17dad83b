using Clv.Contracts.Scores;
using Clv.Workers.State;
using System.Text.Json.Serialization;

namespace Clv.Api.Customers;

/// <summary>
/// The answer of <c>GET /v1/customers/{id}</c>: the customer's latest <see cref="ClvUpdate"/>, the very contract
/// the scorer publishes on <c>clv-updates</c> (built from the score it stored), with what a lookup adds: the last
/// event's id and the last purchase.
/// </summary>
public sealed record CustomerScore : ClvUpdate
{
    public CustomerScore(ClvUpdate latest, string? lastEventId, DateTimeOffset? lastPurchaseAt)
        : base(latest)
    {
        LastEventId = lastEventId;
        LastPurchaseAt = lastPurchaseAt;
    }

    // After the update's fields in the JSON (a derived type's own would come first).
    [JsonPropertyOrder(1)]
    public string? LastEventId { get; }

    [JsonPropertyOrder(1)]
    public DateTimeOffset? LastPurchaseAt { get; }

    public static CustomerScore From(string customerId, ReadableScore score) => new(score.ToUpdate(customerId), score.EventId, score.LastPurchaseAt);
}
