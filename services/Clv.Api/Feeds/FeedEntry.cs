namespace Clv.Api.Feeds;

/// <summary>
/// One message of a topic as the API keeps it. <see cref="Id"/> is its Kafka position (<c>partition-offset</c>),
/// the same on every replica, so a client can resume on any of them with <c>Last-Event-ID</c>.
/// </summary>
public sealed record FeedEntry(string Id, string Key, ReadOnlyMemory<byte> Json);
