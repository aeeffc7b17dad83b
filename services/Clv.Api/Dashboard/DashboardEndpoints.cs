using Clv.Api.Feeds;
using Clv.ModelLifecycle;

namespace Clv.Api.Dashboard;

/// <summary><c>/v1/dashboard/summary</c>: the page's figures besides the alert feed.</summary>
public static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboardEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/dashboard/summary", SummaryAsync).WithName("GetDashboardSummary").WithSummary("Distributions, CLV at risk, top movers, throughput, lag and the active model");
        return v1;
    }

    private static async Task<DashboardSummary> SummaryAsync(
        ScoreBoard board,
        ModelStore models,
        PipelineLagMonitor lag,
        [FromKeyedServices(FeedKeys.Alerts)] TopicFeed alerts,
        [FromKeyedServices(FeedKeys.Updates)] TopicFeed updates) =>
        board.Summarize(await models.GetActiveVersionAsync(), alerts.MessageCount, updates.MessageCount, lag.Lag, alerts.Lag + updates.Lag);
}
