namespace Clv.Contracts.Scores;

/// <summary>
/// A customer's new scores, published on <c>clv-updates</c> keyed by customer id. Not sealed: the API's answer for a
/// customer is this contract with what its lookup adds (<c>CustomerScore</c>), not a copy of its fields.
/// </summary>
public record ClvUpdate(
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
