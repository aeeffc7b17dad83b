using Clv.Training.Lifecycle;
using Clv.Contracts.Files;
using Clv.Contracts.ModelLifecycle;
using Clv.Contracts.Transactions;
using Clv.TestInfrastructure;
using Clv.ModelLifecycle;
using Clv.Hosting.Redis;
using Clv.Workers.Sequencing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Clv.Trainer.Tests;

/// <summary>The trainer on the CDNOW sample (1/10 of the customers) with the standard holdout length.</summary>
[Collection(nameof(InfrastructureCollection))]
public sealed class TrainerTests(RabbitMqFixture rabbit, RedisFixture redis, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ControlPlane _plane = new(rabbit, redis);

    public Task InitializeAsync() => _plane.StartAsync();

    public async Task DisposeAsync() => await _plane.DisposeAsync();

    [Fact]
    public async Task Retrain_PromotesAGoodCandidate_ThenRefusesAWorseOne_AndTheGoodOneStaysActive()
    {
        var replica = await _plane.StartReplicaAsync("scorer");

        var good = await Trainer(new TrainerOptions { HiddenSize = 16, DenseSize = 16, MaxEpochs = 4 }).RetrainAsync(Request(), CancellationToken.None);
        output.WriteLine($"good: {good.Decision.Reason}");
        var answers = await _plane.Answers.WaitForAsync(good.Version, replica);

        // Untrained in effect: one epoch at a learning rate that leaves the initial weights as they were.
        var worse = await Trainer(new TrainerOptions { HiddenSize = 16, DenseSize = 16, MaxEpochs = 1, LearningRate = 1e-12 }).RetrainAsync(Request(), CancellationToken.None);
        output.WriteLine($"worse: {worse.Decision.Reason}");

        Assert.True(good.Decision.Promote, good.Decision.Reason);
        Assert.IsType<ModelActivated>(answers[replica]);
        Assert.False(worse.Decision.Promote, worse.Decision.Reason);
        Assert.Equal(good.Version, await _plane.Store.GetActiveVersionAsync());
        Assert.Equal(good.Version, _plane.ActiveModelOf(replica).Current.Version);
        var refused = await _plane.Store.GetInfoAsync(worse.Version);
        Assert.Equal(ModelDecision.Rejected, refused!.Decision);
        Assert.StartsWith("rejected:", refused.Reason);
    }

    [Fact]
    public async Task Retrain_FromTheRollingSequencesInRedis_TrainsOnEveryStoredCustomer()
    {
        // A database of its own: the trainer reads every customer's sequence in it, and other tests write sequences.
        using var lease = RedisDatabaseLease.Acquire(redis.ConnectionString);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(lease.ConnectionString);
        var file = TransactionFileReader.Load(RepositoryFiles.Path("data/cdnow/CDNOW_sample.txt"));
        var customers = await StoreRollingSequencesAsync(connection.GetDatabase(), file.Events);

        var outcome = await Trainer(new TrainerOptions { HiddenSize = 16, DenseSize = 16, MaxEpochs = 2 }, connection)
            .RetrainAsync(new RetrainRequested("test", TrainingHistory.RedisSource, CalibrationEnd: null, DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.True(outcome.Decision.Promote, outcome.Decision.Reason);
        Assert.Contains($"{customers} customers", outcome.Decision.Reason);
    }

    // The sequencer's layout (RedisKeys.Window, CustomerWindowCodec), each customer's whole history in its window.
    private static async Task<int> StoreRollingSequencesAsync(IDatabase db, IReadOnlyList<TransactionEvent> events)
    {
        var writes = new List<Task>();
        var offset = 0L;
        foreach (var customer in events.GroupBy(e => e.CustomerId))
        {
            var records = customer.Select((e, i) => new WindowRecord(0, offset++, i + 1, e.OccurredAt, e.Amount, e.Kind, 0, e.EventId)).ToList();
            var (window, ids) = CustomerWindowCodec.Encode(new CustomerWindow(records.Count, records.Count, [(0, offset - 1)], records));
            writes.Add(db.StringSetAsync(RedisKeys.Window(customer.Key), window));
            writes.Add(db.ListRightPushAsync(RedisKeys.WindowEventIds(customer.Key), [.. ids.Select(id => (RedisValue)id)]));
        }

        await Task.WhenAll(writes);
        return writes.Count / 2;
    }

    private TrainerService Trainer(TrainerOptions options, IConnectionMultiplexer? sequences = null) =>
        new(_plane.Store, sequences ?? redis.Connection, _plane.Bus, Options.Create(options), NullLogger<TrainerService>.Instance);

    private static RetrainRequested Request() =>
        new("test", RepositoryFiles.Path("data/cdnow/CDNOW_sample.txt"), CalibrationEnd: null, DateTimeOffset.UtcNow);
}
