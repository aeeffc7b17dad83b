namespace Clv.Api.Dashboard;

/// <summary>
/// What the dashboard shows besides the alert feed, from the updates this replica has read.
/// <see cref="ClvAtRisk"/> is the CLV of the customers whose latest churn probability is at least
/// <see cref="ScoreBoard.AtRiskChurn"/>; <see cref="ConsumerLag"/> is the scoring pipeline's (null until measured).
/// </summary>
public sealed record DashboardSummary(
    string? ModelVersion,
    int Customers,
    double UpdatesPerSecond,
    long UpdatesReceived,
    long AlertsReceived,
    long? ConsumerLag,
    long FeedLag,
    double ClvAtRisk,
    int CustomersAtRisk,
    double AtRiskChurn,
    IReadOnlyList<int> ChurnHistogram,
    IReadOnlyList<double> ClvBinEdges,
    IReadOnlyList<int> ClvHistogram,
    IReadOnlyList<CustomerMove> TopMovers);
