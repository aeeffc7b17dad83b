namespace Clv.Api.Feeds;

/// <summary>The service keys of the two <see cref="TopicFeed"/>s.</summary>
public static class FeedKeys
{
    public const string Alerts = "alerts";
    public const string Updates = "updates";
}
