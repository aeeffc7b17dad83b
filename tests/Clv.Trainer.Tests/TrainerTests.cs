using Clv.Model;
using Clv.Model.BuyTillYouDie;
using System.Globalization;
using Clv.Model.Persistence;
using Clv.Model.Stacking;
using Clv.Training.Lifecycle;
using Clv.Contracts.Files;
using Clv.Contracts.ModelLifecycle;
using Clv.Contracts.Transactions;
using Clv.Contracts.Validation;
using Clv.TestInfrastructure;
using Clv.ModelLifecycle;
using Clv.Hosting.Redis;
using Clv.Workers.Sequencing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

        var good = await Trainer(new TrainerOptions { HiddenSize = 16, DenseSize = 16, MaxEpochs = 4, ModelKinds = ["MtlLstm"] }).RetrainAsync(Request(), CancellationToken.None);
        output.WriteLine($"good: {good.Decision.Reason}");
        var answers = await _plane.Answers.WaitForAsync(good.Version, replica);

        // Untrained in effect: one epoch at a learning rate that leaves the initial weights as they were.
        var worse = await Trainer(new TrainerOptions { HiddenSize = 16, DenseSize = 16, MaxEpochs = 1, LearningRate = 1e-12, ModelKinds = ["MtlLstm"] }).RetrainAsync(Request(), CancellationToken.None);
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
    public async Task Retrain_OnDataDrawnFromBgNbdGammaGamma_ChoosesAndStoresTheBgNbdCandidate()
    {
        var path = BuyTillYouDieWorld.Write(Path.Combine(Path.GetTempPath(), $"btyd-world-{Guid.NewGuid():N}.txt"), customers: 1500, seed: 11);
        try
        {
            var outcome = await Trainer(new TrainerOptions { HiddenSize = 8, DenseSize = 8, MaxEpochs = 2 })
                .RetrainAsync(new RetrainRequested("test", path, CalibrationEnd: null, DateTimeOffset.UtcNow), CancellationToken.None);
            output.WriteLine(outcome.Decision.Reason);

            Assert.Equal([ModelKind.MtlLstm, ModelKind.BgNbdGammaGamma, ModelKind.StackedLstmBgNbd], outcome.Candidates.Keys.Order());
            Assert.Equal(ModelKind.BgNbdGammaGamma, outcome.Kind);
            Assert.Equal(outcome.Candidates[ModelKind.BgNbdGammaGamma], outcome.Candidate);
            var stored = await _plane.Store.GetInfoAsync(outcome.Version);
            Assert.Equal(ModelKind.BgNbdGammaGamma, stored!.Kind);
            Assert.Equal(outcome.Candidates[ModelKind.MtlLstm].ChurnAuc, stored.Metrics["lstm.churn_auc"]);
            Assert.Equal(outcome.Candidates[ModelKind.BgNbdGammaGamma].ChurnAuc, stored.Metrics["bgnbd.churn_auc"]);
            Assert.Contains("; BgNbdGammaGamma chosen by metric wins", stored.Reason);
            Assert.IsType<BgNbdGammaGammaModel>(WeightsFile.ReadModel(await _plane.Store.GetWeightsAsync(outcome.Version)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Retrain_WithEveryKind_BuildsTheStack_WithWeightsNoHoldoutEventChanges()
    {
        // The same history twice, the second with every holdout purchase (after the standard split's 1997-09-30) tripled:
        // the weights come from a pseudo split inside calibration, so they must not move, while the holdout metrics do.
        var original = RepositoryFiles.Path("data/cdnow/CDNOW_sample.txt");
        var tripled = Path.Combine(Path.GetTempPath(), $"cdnow-tripled-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(tripled, File.ReadLines(original).Select(line =>
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length == 5 && string.CompareOrdinal(fields[2], "19970930") > 0
                ? $"{fields[0]} {fields[1]} {fields[2]} {fields[3]} {double.Parse(fields[4], CultureInfo.InvariantCulture) * 3:F2}"
                : line;
        }));
        try
        {
            var options = new TrainerOptions { HiddenSize = 8, DenseSize = 8, MaxEpochs = 2 };
            var first = await Trainer(options).RetrainAsync(Request(), CancellationToken.None);
            var second = await Trainer(options).RetrainAsync(new RetrainRequested("test", tripled, CalibrationEnd: null, DateTimeOffset.UtcNow), CancellationToken.None);
            output.WriteLine(first.Decision.Reason);

            Assert.Equal([ModelKind.MtlLstm, ModelKind.BgNbdGammaGamma, ModelKind.StackedLstmBgNbd], first.Candidates.Keys.Order());
            var stored = (await _plane.Store.GetInfoAsync(first.Version))!.Metrics;
            var again = (await _plane.Store.GetInfoAsync(second.Version))!.Metrics;
            Assert.Equal(first.Candidates[ModelKind.StackedLstmBgNbd].SpendMae, stored["stacked.spend_mae"]);
            string[] weights = ["stack.churn_intercept", "stack.churn_lstm", "stack.churn_bgnbd", "stack.spend_lstm", "stack.spend_bgnbd"];
            Assert.All(weights, name => Assert.True(double.IsFinite(stored[name]), name));
            Assert.True(stored["stack.spend_lstm"] >= 0 && stored["stack.spend_bgnbd"] >= 0);
            Assert.Equal(weights.Select(name => stored[name]), weights.Select(name => again[name]));
            Assert.NotEqual(stored["stacked.spend_mae"], again["stacked.spend_mae"]);

            // Whatever won, the stored file is that kind; a stored stack carries the weights the metadata records.
            var served = WeightsFile.ReadModel(await _plane.Store.GetWeightsAsync(first.Version));
            Assert.Equal(first.Kind, served.Kind);
            if (served is StackedLstmBgNbdModel stack)
            {
                Assert.Equal(stored["stack.spend_bgnbd"], stack.Weights.SpendBgNbdWeight);
            }
        }
        finally
        {
            File.Delete(tripled);
        }
    }

    [Fact]
    public async Task Retrain_WithOneModelKindForced_BuildsOnlyThatKind()
    {
        var outcome = await Trainer(new TrainerOptions { ModelKinds = ["BgNbdGammaGamma"] }).RetrainAsync(Request(), CancellationToken.None);

        Assert.Equal(ModelKind.BgNbdGammaGamma, Assert.Single(outcome.Candidates).Key);
        Assert.EndsWith("; BgNbdGammaGamma the only candidate", outcome.Decision.Reason);
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
            var records = customer.Select((e, i) => new WindowRecord(0, offset++, i + 1, e.OccurredAt, e.Amount, e.Kind, 0, CustomerWindowCodec.IdHash(e.EventId))).ToList();
            var window = CustomerWindowCodec.Encode(new CustomerWindow(records.Count, records.Count, [(0, offset - 1)], records));
            writes.Add(db.StringSetAsync(RedisKeys.Window(customer.Key), window));
        }

        await Task.WhenAll(writes);
        return writes.Count;
    }

    [Fact]
    public async Task Retrain_FromAFile_KeepsOnlyTheRowsWithinTheConfiguredValidationBounds()
    {
        // Issue 11, finding 6: the trainer's file reader used the default bounds, not the configured Validation section.
        var earliest = new DateTime(1997, 3, 1);
        var path = RepositoryFiles.Path("data/cdnow/CDNOW_sample.txt");
        // From the file's text alone (CDNOW: id, sample id, yyyymmdd, CDs, dollars): customers with a purchase on or after the bound.
        var rows = File.ReadLines(path).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(fields => fields.Length == 5).ToList();
        var expected = rows.Where(fields => string.CompareOrdinal(fields[2], earliest.ToString("yyyyMMdd")) >= 0).Select(fields => fields[0]).Distinct().Count();
        var all = rows.Select(fields => fields[0]).Distinct().Count();
        var log = new RecordingLoggerProvider(LogLevel.Information);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Validation:EarliestEventTime"] = $"{earliest:yyyy-MM-dd}T00:00:00Z",
            ["ModelStore:KeyPrefix"] = _plane.StoreKeyPrefix,
            ["Trainer:HiddenSize"] = "16",
            ["Trainer:DenseSize"] = "16",
            ["Trainer:MaxEpochs"] = "1",
        }).Build();
        await using var provider = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(log))
            .AddSingleton<IConnectionMultiplexer>(redis.Connection)
            .AddSingleton(_plane.Bus)
            .AddTrainer(configuration)
            .BuildServiceProvider();

        await provider.GetRequiredService<TrainerService>().RetrainAsync(Request(), CancellationToken.None);

        Assert.True(expected < all, $"the bound leaves out no customer ({expected} of {all})");
        Assert.Contains(log.Lines, line => line.Contains($": {expected} customers from {path}", StringComparison.Ordinal));
    }

    private TrainerService Trainer(TrainerOptions options, IConnectionMultiplexer? sequences = null) =>
        new(_plane.Store, sequences ?? redis.Connection, _plane.Bus, Options.Create(options), Options.Create(TransactionParserOptions.Default), NullLogger<TrainerService>.Instance);

    private static RetrainRequested Request() =>
        new("test", RepositoryFiles.Path("data/cdnow/CDNOW_sample.txt"), CalibrationEnd: null, DateTimeOffset.UtcNow);
}
