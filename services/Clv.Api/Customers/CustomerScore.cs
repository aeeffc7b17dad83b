using Clv.Contracts.Scores;
using Clv.Workers.State;

namespace Clv.Api.Customers;

/// <summary>The answer of <c>GET /v1/customers/{id}</c>: the customer's latest score as the scorer stored it.</summary>
public sealed record CustomerScore(
    string CustomerId,
    DateTimeOffset AsOf,
    long SeqNo,
    ScoreCause Cause,
    string ModelVersion,
    int HorizonDays,
    double ChurnProbability,
    double ExpectedSpend,
    double SpendP10,
    double SpendP90,
    int ClvHorizonDays,
    double Clv,
    double ClvP10,
    double ClvP90,
    string? LastEventId,
    DateTimeOffset? LastPurchaseAt)
{
    public static CustomerScore From(string customerId, ReadableScore score) => new(
        customerId,
        score.AsOf,
        score.SeqNo,
        score.Cause,
        score.ModelVersion,
        score.HorizonDays,
        score.Scores.ChurnProbability,
        score.Scores.ExpectedSpend,
        score.Scores.SpendP10,
        score.Scores.SpendP90,
        score.ClvHorizonDays,
        score.Scores.Clv,
        score.Scores.ClvP10,
        score.Scores.ClvP90,
        score.EventId,
        score.LastPurchaseAt);
}
