namespace Clv.Contracts.Scores;

/// <summary>A customer's new scores, published on <c>clv-updates</c> keyed by customer id.</summary>
public sealed record ClvUpdate(
    string CustomerId,
    DateTimeOffset AsOf,
    string ModelVersion,
    long SeqNo,
    ScoreCause Cause,
    double ChurnProbability,
    int HorizonDays,
    double ExpectedSpend,
    double SpendP10,
    double SpendP90,
    int ClvHorizonDays,
    double Clv,
    double ClvP10,
    double ClvP90,
    int SchemaVersion = SchemaVersions.ClvUpdate);
