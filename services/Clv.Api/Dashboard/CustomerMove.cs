namespace Clv.Api.Dashboard;

/// <summary>A customer's last churn change (a top mover when large) and CLV.</summary>
public sealed record CustomerMove(string CustomerId, double ChurnBefore, double ChurnAfter, double Clv, DateTimeOffset AsOf);
