using Clv.Hosting.Redis;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StackExchange.Redis;

namespace Clv.Workers.Tests.KeySpace;

public sealed class RedisKeysPropertyTests
{
    private static readonly string[] SystemKeyPrefixes = ["clv:{models}:", "clv:{recency:p"];

    [Property(MaxTest = 2000)]
    public Property EveryKeyOfACustomer_HashesToOneSlot() =>
        Prop.ForAll(HostileIds.Ids(), id =>
        {
            var slots = KeysOf(id).Select(key => HashSlot.Of(key!)).Distinct().ToList();
            Assert.Single(slots);
        });

    [Property(MaxTest = 2000)]
    public Property TwoDifferentIds_NeverShareAKey() =>
        Prop.ForAll(HostileIds.Ids(), HostileIds.Ids(), (a, b) =>
        {
            if (a != b)
            {
                Assert.Empty(KeysOf(a).Select(k => (string)k!).Intersect(KeysOf(b).Select(k => (string)k!)));
            }
        });

    [Property(MaxTest = 2000)]
    public Property ACustomerKey_IsNeverASystemKey_AndHoldsNoBraceColonOrControlInItsId() =>
        Prop.ForAll(HostileIds.Ids(), id =>
        {
            foreach (var key in KeysOf(id).Select(k => (string)k!))
            {
                Assert.DoesNotContain(SystemKeyPrefixes, prefix => key.StartsWith(prefix, StringComparison.Ordinal));
                var tag = key[(key.IndexOf('{') + 1)..key.IndexOf('}')];
                Assert.All(tag, c => Assert.True(char.IsAsciiLetterOrDigit(c) || "-._~%".Contains(c), $"'{c}' in the key of {id}"));
            }
        });

    [Property(MaxTest = 2000)]
    public Property TheIdReadBackFromAKey_IsTheId() =>
        Prop.ForAll(HostileIds.Ids(), id => Assert.Equal(id, RedisKeys.CustomerIdOf(RedisKeys.State(id)!)));

    [Fact]
    public void TheIdsOfIssue11_GetKeysOfTheirOwn()
    {
        Assert.Equal("clv:c:{models}:win", (string)RedisKeys.Window("models")!);
        Assert.Equal("clv:c:{x%7Dy%7Bz}:state", (string)RedisKeys.State("x}y{z")!);
        Assert.Equal("clv:c:{recency%3Ap3}:evicted", (string)RedisKeys.EvictedEventIds("recency:p3")!);
        Assert.Equal("clv:c:{a%0Ab}:win", (string)RedisKeys.Window("a\nb")!);
        Assert.Equal("clv:c:{%C3%BC}:meta", (string)RedisKeys.LegacyMeta("ü")!);
    }

    private static RedisKey[] KeysOf(string id) =>
        [RedisKeys.Window(id), RedisKeys.EvictedEventIds(id), RedisKeys.State(id), RedisKeys.LegacyMeta(id)];
}
