namespace Clv.Api.Customers;

/// <summary>
/// The answer of <c>GET /v1/customers/{id}/history</c>. <see cref="Complete"/> is false when older events have
/// left the window: the replay then starts from an empty LSTM state, as the scorer's own rebuild does.
/// </summary>
public sealed record ScoreHistory(string CustomerId, string ModelVersion, int HorizonDays, int ClvHorizonDays, bool Complete, IReadOnlyList<HistoryPoint> Points);
