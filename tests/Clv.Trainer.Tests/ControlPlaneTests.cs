using Clv.Contracts.ModelLifecycle;
using Clv.Model;
using Clv.TestInfrastructure;
using Clv.ModelLifecycle;

namespace Clv.Trainer.Tests;

[Collection(nameof(InfrastructureCollection))]
public sealed class ControlPlaneTests(RabbitMqFixture rabbit, RedisFixture redis) : IAsyncLifetime
{
    private readonly ControlPlane _plane = new(rabbit, redis);
    private string _v1 = string.Empty;

    public async Task InitializeAsync()
    {
        await _plane.StartAsync();
        (_v1, _) = await TestModels.SaveAsync(_plane.Store, seed: 1);
        await _plane.Store.ActivateAsync(_v1, "initial");
    }

    public async Task DisposeAsync() => await _plane.DisposeAsync();

    [Fact]
    public async Task ModelPublished_ReachesEveryReplica_AndEachActivatesIt()
    {
        var a = await _plane.StartReplicaAsync("a");
        var b = await _plane.StartReplicaAsync("b");
        var (v2, sha) = await TestModels.SaveAsync(_plane.Store, seed: 2);

        await PublishAsync(v2, sha);
        var answers = await _plane.Answers.WaitForAsync(v2, a, b);

        AssertEveryReplicaActivated(v2, answers);
    }

    [Theory]
    [InlineData(ModelKind.BgNbdGammaGamma)]
    [InlineData(ModelKind.StackedLstmBgNbd)]
    public async Task ModelOfAnotherKindPublished_IsActivatedByEveryReplica_AsItsKind(ModelKind kind)
    {
        var a = await _plane.StartReplicaAsync("a");
        var b = await _plane.StartReplicaAsync("b");
        var v2 = await _plane.Store.ReserveVersionAsync();
        ScoringModel model = kind == ModelKind.BgNbdGammaGamma ? TestModels.CreateBgNbd(v2) : TestModels.CreateStacked(v2);
        var sha = await TestModels.SaveBytesAsync(_plane.Store, v2, Clv.Model.Persistence.WeightsFile.ToBytes(model));

        await PublishAsync(v2, sha);
        var answers = await _plane.Answers.WaitForAsync(v2, a, b);

        AssertEveryReplicaActivated(v2, answers);
        Assert.All(new[] { a, b }, replica => Assert.Equal(kind, _plane.ActiveModelOf(replica).Current.Kind));
    }

    [Fact]
    public async Task Replica_StartedAfterAPromotion_ServesTheStoresActiveVersion()
    {
        var replica = await _plane.StartReplicaAsync("late");

        Assert.Equal(_v1, _plane.ActiveModelOf(replica).Current.Version);
    }

    [Theory]
    [InlineData("bad file checksum", "Model file checksum mismatch")]
    [InlineData("wrong shape", "shape mismatch")]
    [InlineData("checksum other than announced", "the publication announced")]
    [InlineData("BG/NBD alpha not positive", "parameter alpha = -4.4 is not finite and positive")]
    [InlineData("BG/NBD alpha not finite", "parameter alpha = NaN is not finite and positive")]
    [InlineData("unknown kind", "model kind 9")]
    [InlineData("stack spend weight negative", "Stack spend weights (0.4, -0.7) must not be negative")]
    [InlineData("stack churn weight not finite", "Stack weight churn BG/NBD weight = NaN is not finite")]
    public async Task CorruptWeights_AreRejectedByEveryReplica_AndTheOldVersionKeepsScoring(string corruption, string reason)
    {
        var a = await _plane.StartReplicaAsync("a");
        var b = await _plane.StartReplicaAsync("b");
        var v2 = await _plane.Store.ReserveVersionAsync();
        var good = TestModels.Create(v2);
        var bytes = corruption switch
        {
            "bad file checksum" => TestModels.WithBadInternalChecksum(good),
            "wrong shape" => TestModels.WithWrongShape(good),
            "BG/NBD alpha not positive" => TestModels.BgNbdWithAlpha(v2, -4.4),
            "BG/NBD alpha not finite" => TestModels.BgNbdWithAlpha(v2, double.NaN),
            "unknown kind" => TestModels.WithUnknownKind(good),
            "stack spend weight negative" => TestModels.StackedWithWeight(v2, 4, -0.7),
            "stack churn weight not finite" => TestModels.StackedWithWeight(v2, 2, double.NaN),
            _ => Clv.Model.Persistence.WeightsFile.ToBytes(good),
        };
        var sha = await TestModels.SaveBytesAsync(_plane.Store, v2, bytes);

        await PublishAsync(v2, corruption == "checksum other than announced" ? new string('f', 64) : sha);
        var answers = await _plane.Answers.WaitForAsync(v2, a, b);

        Assert.All(answers.Values, answer => Assert.Contains(reason, Assert.IsType<ModelRejected>(answer).Reason));
        foreach (var replica in new[] { a, b })
        {
            var model = _plane.ActiveModelOf(replica).Current;
            Assert.Equal(_v1, model.Version);
            Assert.Null(CanaryProbe.Check(model));
        }
    }

    [Fact]
    public async Task Rollback_ReturnsEveryReplicaToThePreviousVersion()
    {
        var a = await _plane.StartReplicaAsync("a");
        var b = await _plane.StartReplicaAsync("b");
        var (v2, sha) = await TestModels.SaveAsync(_plane.Store, seed: 2);
        await PublishAsync(v2, sha);
        await _plane.Answers.WaitForAsync(v2, a, b);

        await _plane.Bus.Publish(new RollbackRequested("test", ToVersion: null, DateTimeOffset.UtcNow));
        var answers = await _plane.Answers.WaitForAsync(_v1, a, b);

        AssertEveryReplicaActivated(_v1, answers);
    }

    [Fact]
    public async Task RollbackToANamedVersion_ActivatesThatVersionOnEveryReplica()
    {
        var a = await _plane.StartReplicaAsync("a");
        var (v2, _) = await TestModels.SaveAsync(_plane.Store, seed: 2);
        var (v3, sha3) = await TestModels.SaveAsync(_plane.Store, seed: 3);
        await PublishAsync(v3, sha3);
        await _plane.Answers.WaitForAsync(v3, a);

        await _plane.Bus.Publish(new RollbackRequested("test", ToVersion: v2, DateTimeOffset.UtcNow));
        var answers = await _plane.Answers.WaitForAsync(v2, a);

        AssertEveryReplicaActivated(v2, answers);
    }

    private void AssertEveryReplicaActivated(string version, IReadOnlyDictionary<string, object> answers)
    {
        foreach (var (replica, answer) in answers)
        {
            Assert.IsType<ModelActivated>(answer);
            Assert.Equal(version, _plane.ActiveModelOf(replica).Current.Version);
        }
    }

    private async Task PublishAsync(string version, string sha)
    {
        await _plane.Store.ActivateAsync(version, "test");
        await _plane.Bus.Publish(new ModelPublished(version, sha, DateTimeOffset.UtcNow, "test"));
    }
}
