namespace Clv.Hosting.Health;

/// <summary>
/// Which endpoint a health check feeds: <c>/health/live</c> (restart me when failing) or
/// <c>/health/ready</c> (send me no work when failing). Services tag their own checks with these.
/// </summary>
public static class HealthTags
{
    public const string Live = "live";
    public const string Ready = "ready";
}
