using Clv.Model;
using Clv.Model.BuyTillYouDie;
using Clv.Model.Persistence;
using Clv.TestInfrastructure;
using Clv.ModelLifecycle;

namespace Clv.Trainer.Tests;

[Collection(nameof(InfrastructureCollection))]
public sealed class ModelVerifierTests
{
    private readonly RedisFixture _redis;
    private readonly ModelStoreOptions _options = TestModels.StoreOptions();
    private readonly ModelStore _store;

    public ModelVerifierTests(RedisFixture redis)
    {
        _redis = redis;
        _store = new ModelStore(redis.Connection, _options);
    }

    private ModelVerifier Verifier => new(_store);

    [Fact]
    public async Task Verify_PublishedModel_PassesWithTheModelOfThatVersion()
    {
        var (version, sha) = await TestModels.SaveAsync(_store);

        var result = await Verifier.VerifyAsync(version, sha);

        Assert.Null(result.Failure);
        Assert.Equal(version, result.Model!.Version);
    }

    [Fact]
    public async Task Verify_AWindowSizeOtherThanTheWorkers_IsRefused()
    {
        var (version, sha) = await TestModels.SaveAsync(_store);

        var matching = await new ModelVerifier(_store, servingWindowSize: 64).VerifyAsync(version, sha);
        var other = await new ModelVerifier(_store, servingWindowSize: 32).VerifyAsync(version, sha);

        Assert.Null(matching.Failure);
        Assert.Null(other.Model);
        Assert.Contains("window size is 64, the workers' (Workers:WindowSize) is 32", other.Failure);
    }

    [Fact]
    public async Task Verify_ChecksumOtherThanPublished_IsRefused()
    {
        var (version, _) = await TestModels.SaveAsync(_store);

        var result = await Verifier.VerifyAsync(version, new string('0', 64));

        Assert.Null(result.Model);
        Assert.Contains("checksum mismatch", result.Failure);
    }

    [Fact]
    public async Task Verify_BytesAlteredInTheStore_IsRefusedForTheStoreChecksum()
    {
        var (version, sha) = await TestModels.SaveAsync(_store);
        var bytes = (await _store.GetWeightsAsync(version))!;
        bytes[100] ^= 0x01;
        await _redis.Connection.GetDatabase().StringSetAsync(StoreKey(version), bytes);

        var result = await Verifier.VerifyAsync(version, expectedSha256: null);

        Assert.Contains("the store recorded " + sha, result.Failure);
    }

    [Fact]
    public async Task Verify_FileWithBadInternalChecksum_IsRefused()
    {
        var version = await _store.ReserveVersionAsync();
        var sha = await TestModels.SaveBytesAsync(_store, version, TestModels.WithBadInternalChecksum(TestModels.Create(version)));

        var result = await Verifier.VerifyAsync(version, sha);

        Assert.Contains("Model file checksum mismatch", result.Failure);
    }

    [Fact]
    public async Task Verify_FileWithWrongShape_IsRefused()
    {
        var version = await _store.ReserveVersionAsync();
        var sha = await TestModels.SaveBytesAsync(_store, version, TestModels.WithWrongShape(TestModels.Create(version)));

        var result = await Verifier.VerifyAsync(version, sha);

        Assert.Contains("shape mismatch", result.Failure);
    }

    [Fact]
    public async Task Verify_FileNamingAnotherVersion_IsRefused()
    {
        var version = await _store.ReserveVersionAsync();
        var sha = await TestModels.SaveBytesAsync(_store, version, WeightsFile.ToBytes(TestModels.Create("someone-else")));

        var result = await Verifier.VerifyAsync(version, sha);

        Assert.Contains("names version someone-else", result.Failure);
    }

    [Fact]
    public async Task Verify_ModelAnsweringNaN_IsRefusedByTheCanary()
    {
        var version = await _store.ReserveVersionAsync();
        var sha = await TestModels.SaveBytesAsync(_store, version, TestModels.WithNaNWeights(version));

        var result = await Verifier.VerifyAsync(version, sha);

        Assert.StartsWith("canary probe 0", result.Failure);
    }

    [Fact]
    public async Task Verify_ABgNbdModelWhoseSeriesCannotConverge_IsRefusedByTheCanaryInsteadOfThrowingInTheScorer()
    {
        // Valid, finite, positive parameters (the file reader accepts them), but a = b = 1e6 make BG/NBD's series
        // terms grow for hundreds of thousands of steps: a customer could not be scored.
        var (version, sha) = await SaveBgNbdAsync(a: 1e6, b: 1e6, alpha: 1.0, horizonDays: 273, clvHorizonDays: 365);

        var result = await Verifier.VerifyAsync(version, sha);

        Assert.StartsWith("canary probe 0 (1 events): could not be scored 0 days after its last event: 2F1(", result.Failure);
    }

    [Fact]
    public async Task Verify_ProbesTheHorizonsTheWorkersServe_NotOnlyTheModels()
    {
        // a = b = 500 (a dropout probability near 1/2 for everyone): scorable over one day, but over ten years the
        // Gamma ratios of the connection formula overflow. The model names one day; the workers ask for ten years.
        var (version, sha) = await SaveBgNbdAsync(a: 500, b: 500, alpha: 4.4, horizonDays: 1, clvHorizonDays: 1);

        var atTheModelsHorizons = await Verifier.VerifyAsync(version, sha);
        var atTheWorkersHorizons = await new ModelVerifier(_store, servingHorizonDays: 3650, servingClvHorizonDays: 3650).VerifyAsync(version, sha);

        Assert.Null(atTheModelsHorizons.Failure);
        Assert.Contains("could not be scored", atTheWorkersHorizons.Failure);
    }

    [Fact]
    public async Task Verify_UnknownVersion_IsRefused()
    {
        var result = await Verifier.VerifyAsync("v404", expectedSha256: null);

        Assert.Equal("version v404 is not in the model store", result.Failure);
    }

    // A BG/NBD + Gamma-Gamma model with r = 0.24 and CDNOW's order values, its dropout (a, b) and α as given.
    private async Task<(string Version, string Sha)> SaveBgNbdAsync(double a, double b, double alpha, int horizonDays, int clvHorizonDays)
    {
        var version = await _store.ReserveVersionAsync();
        var parameters = new BuyTillYouDieParameters(0.24, alpha, a, b, 6.25, 3.74, 15.44);
        var model = new BgNbdGammaGammaModel(version, parameters, horizonDays, clvHorizonDays, 0.1, TrainingMetadata.Untrained);
        return (version, await TestModels.SaveBytesAsync(_store, version, WeightsFile.ToBytes(model)));
    }

    // The key layout documented on ModelStore: the test writes behind the store's back, as corruption would.
    private string StoreKey(string version) => $"{_options.KeyPrefix}:weights:{version}";
}
