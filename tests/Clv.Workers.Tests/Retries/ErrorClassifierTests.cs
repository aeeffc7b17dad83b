using Clv.Hosting.Redis;
using Clv.Workers.Retries;
using Confluent.Kafka;
using StackExchange.Redis;

namespace Clv.Workers.Tests.Retries;

/// <summary>
/// What a failed batch's Redis calls and produces mean to the consume loop: what a server or network recovers
/// from is retried, anything else stops the worker (retrying it would fail the same way forever).
/// </summary>
public sealed class ErrorClassifierTests
{
    public static TheoryData<string, bool> RedisReplies => new()
    {
        { "LOADING Redis is loading the dataset in memory", true },
        { "BUSY Redis is busy running a script", true },
        { "TRYAGAIN Multiple keys request during rehashing of slot", true },
        { "CLUSTERDOWN The cluster is down", true },
        { "MASTERDOWN Link with MASTER is down", true },
        { "READONLY You can't write against a read only replica", true },
        { "ERR wrong number of arguments for 'hset' command", false },
        { "WRONGTYPE Operation against a key holding the wrong kind of value", false },
        { "OOM command not allowed when used memory > 'maxmemory'", false },
    };

    [Theory]
    [MemberData(nameof(RedisReplies))]
    public void ARedisErrorReply_IsRetriedOnlyWhenAHealthyServerGivesIt(string reply, bool retriable) =>
        Assert.Equal(retriable, ErrorClassifier.IsRetriable(new RedisServerException(reply)));

    [Fact]
    public void RedisUnreachable_TimedOut_OrAScriptReloaded_IsRetried()
    {
        Assert.True(ErrorClassifier.IsRetriable(new RedisConnectionException(ConnectionFailureType.UnableToConnect, "no connection")));
        Assert.True(ErrorClassifier.IsRetriable(new RedisTimeoutException("timed out", CommandStatus.Sent)));
        Assert.True(ErrorClassifier.IsRetriable(new ScriptReloadedException(new RedisServerException("NOSCRIPT No matching script"))));
    }

    [Fact]
    public void AnOperationTheRedisClientCancelledWhenItsConnectionDropped_IsRetried() =>
        Assert.True(ErrorClassifier.IsRetriable(new TaskCanceledException("A task was canceled.")));

    [Theory]
    [InlineData(ErrorCode.Local_MsgTimedOut, true)]
    [InlineData(ErrorCode.Local_QueueFull, true)]
    [InlineData(ErrorCode.Local_AllBrokersDown, true)]
    [InlineData(ErrorCode.NotLeaderForPartition, true)]
    [InlineData(ErrorCode.NotEnoughReplicas, true)]
    [InlineData(ErrorCode.MsgSizeTooLarge, false)]
    [InlineData(ErrorCode.TopicAuthorizationFailed, false)]
    [InlineData(ErrorCode.InvalidRecord, false)]
    [InlineData(ErrorCode.Local_UnknownTopic, false)]
    public void AProduceFailure_IsRetriedOnlyWhenABrokerOrTheNetworkRecoversFromIt(ErrorCode code, bool retriable) =>
        Assert.Equal(retriable, ErrorClassifier.IsRetriable(new ProduceException<string, byte[]>(new Error(code), new DeliveryResult<string, byte[]>())));

    [Fact]
    public void AFatalKafkaError_IsNeverRetried_EvenWithATransientCode() =>
        Assert.False(ErrorClassifier.IsRetriable(new KafkaException(new Error(ErrorCode.Local_MsgTimedOut, "fatal", isFatal: true))));

    [Fact]
    public void SeveralFailuresAtOnce_AreRetriedOnlyWhenEachOneIs()
    {
        var timeout = new RedisTimeoutException("timed out", CommandStatus.Sent);
        var produce = new KafkaException(new Error(ErrorCode.Local_MsgTimedOut));

        Assert.True(ErrorClassifier.IsRetriable(new AggregateException(timeout, produce)));
        Assert.False(ErrorClassifier.IsRetriable(new AggregateException(timeout, new InvalidOperationException("a bug"))));
        Assert.False(ErrorClassifier.IsRetriable(new AggregateException()));
    }

    [Fact]
    public void AnythingElse_IsFatal() =>
        Assert.False(ErrorClassifier.IsRetriable(new NullReferenceException()));
}
