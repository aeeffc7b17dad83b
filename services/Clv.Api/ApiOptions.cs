using Clv.Api.Security;

namespace Clv.Api;

/// <summary>Settings of the serving API (section <c>Api</c>, e.g. <c>Api__Auth__Enabled=true</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Ids one <c>customers:batchGet</c> may ask for.</summary>
    public const int MaxBatchIds = 1000;

    /// <summary>Prefix of this replica's consumer groups; the replica id and the topic complete it, so no two replicas share offsets.</summary>
    public string GroupIdPrefix { get; set; } = "clv-api";

    /// <summary>Alerts and updates kept in memory for <c>/v1/alerts</c> and for resuming a stream from <c>Last-Event-ID</c>.</summary>
    public int FeedCapacity { get; set; } = 10_000;

    /// <summary>Customers the dashboard's distributions track (latest score each); beyond it new customers are not added.</summary>
    public int TrackedCustomers { get; set; } = 1_000_000;

    public ApiAuthOptions Auth { get; set; } = new();

    /// <summary>Requests per second each client (API key, user, or address) may make to <c>/v1</c>.</summary>
    public int RequestsPerSecondPerClient { get; set; } = 20_000;
}
