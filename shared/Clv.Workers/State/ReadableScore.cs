using Clv.Contracts.Scores;
using Clv.Model;

namespace Clv.Workers.State;

/// <summary>
/// A customer's latest score in a form any reader can use without the model: the scorer writes it beside the
/// LSTM state in the same script (<see cref="Redis.StateScript"/>), so a lookup is one read. EventId and
/// LastPurchaseAt are null when the score did not change them (a recency re-score, a refund): the stored
/// values stay.
/// </summary>
public sealed record ReadableScore(
    DateTimeOffset AsOf,
    long SeqNo,
    ScoreCause Cause,
    string ModelVersion,
    int HorizonDays,
    int ClvHorizonDays,
    ModelScores Scores,
    string? EventId,
    DateTimeOffset? LastPurchaseAt)
{
    /// <summary>The update this score is: what the scorer publishes, and what the API answers for the customer.</summary>
    public ClvUpdate ToUpdate(string customerId) => new(
        customerId,
        AsOf,
        ModelVersion,
        SeqNo,
        Cause,
        Scores.ChurnProbability,
        HorizonDays,
        Scores.ExpectedSpend,
        Scores.SpendP10,
        Scores.SpendP90,
        ClvHorizonDays,
        Scores.Clv,
        Scores.ClvP10,
        Scores.ClvP90);
}
