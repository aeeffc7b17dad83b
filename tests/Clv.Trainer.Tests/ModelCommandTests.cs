using System.CommandLine;
using System.Text.Json;
using Clv.Cli;
using Clv.Contracts.ModelLifecycle;
using Clv.ModelLifecycle;
using Clv.TestInfrastructure;
using Spectre.Console;

namespace Clv.Trainer.Tests;

/// <summary><c>clv model</c> against the real store and bus, with a running replica that must follow it.</summary>
[Collection(nameof(InfrastructureCollection))]
public sealed class ModelCommandTests(RabbitMqFixture rabbit, RedisFixture redis) : IAsyncLifetime
{
    private readonly ControlPlane _plane = new(rabbit, redis);
    private readonly StringWriter _output = new();
    private string _v1 = string.Empty;
    private string _replica = string.Empty;

    public async Task InitializeAsync()
    {
        await _plane.StartAsync();
        (_v1, _) = await TestModels.SaveAsync(_plane.Store, seed: 1);
        await _plane.Store.ActivateAsync(_v1, "initial");
        _replica = await _plane.StartReplicaAsync("cli");
    }

    public async Task DisposeAsync() => await _plane.DisposeAsync();

    [Fact]
    public async Task Promote_ActivatesTheVersionInTheStore_AndTheRunningReplicaSwitches()
    {
        var (v2, _) = await TestModels.SaveAsync(_plane.Store, seed: 2);

        var exit = await RunAsync("promote", v2);
        var answers = await _plane.Answers.WaitForAsync(v2, _replica);

        Assert.Equal(0, exit);
        Assert.Equal(v2, await _plane.Store.GetActiveVersionAsync());
        Assert.IsType<ModelActivated>(answers[_replica]);
    }

    [Fact]
    public async Task Rollback_ReturnsTheStoreAndTheRunningReplicaToThePreviousVersion()
    {
        var (v2, _) = await TestModels.SaveAsync(_plane.Store, seed: 2);
        await RunAsync("promote", v2);
        await _plane.Answers.WaitForAsync(v2, _replica);

        var exit = await RunAsync("rollback");
        var answers = await _plane.Answers.WaitForAsync(_v1, _replica);

        Assert.Equal(0, exit);
        Assert.Equal(_v1, await _plane.Store.GetActiveVersionAsync());
        Assert.IsType<ModelActivated>(answers[_replica]);
        Assert.Equal(_v1, _plane.ActiveModelOf(_replica).Current.Version);
    }

    [Fact]
    public async Task List_ShowsEachVersionWithItsChecksum_AndWhichIsActive()
    {
        var (v2, sha2) = await TestModels.SaveAsync(_plane.Store, seed: 2);

        var exit = await RunAsync("list");

        Assert.Equal(0, exit);
        var text = _output.ToString();
        Assert.Contains(v2, text);
        Assert.Contains(sha2[..12], text);
        Assert.Contains($"active: {_v1}", text);
    }

    [Fact]
    public async Task ListJson_IsOneJsonArray_WithEveryStoredVersionAndOnlyTheActiveOneFlagged()
    {
        var (v2, sha2) = await TestModels.SaveAsync(_plane.Store, seed: 2);

        var exit = await RunAsync("list", "--json");

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(_output.ToString());
        var versions = document.RootElement.EnumerateArray().ToDictionary(v => v.GetProperty("version").GetString()!);
        Assert.Equal(new[] { _v1, v2 }.Order(), versions.Keys.Order());
        Assert.Equal(sha2, versions[v2].GetProperty("sha256").GetString());
        Assert.True(versions[_v1].GetProperty("active").GetBoolean());
        Assert.False(versions[v2].GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task List_ShowsEachVersionsModelKind()
    {
        var v2 = await _plane.Store.ReserveVersionAsync();
        await _plane.Store.SaveAsync(
            v2, Clv.Model.Persistence.WeightsFile.ToBytes(TestModels.CreateBgNbd(v2)), new Dictionary<string, double>(), ModelDecision.Candidate, "test", Clv.Model.ModelKind.BgNbdGammaGamma);
        var v3 = await _plane.Store.ReserveVersionAsync();
        await _plane.Store.SaveAsync(
            v3, Clv.Model.Persistence.WeightsFile.ToBytes(TestModels.CreateStacked(v3)), new Dictionary<string, double>(), ModelDecision.Candidate, "test", Clv.Model.ModelKind.StackedLstmBgNbd);

        await RunAsync("list", "--json");
        using var document = JsonDocument.Parse(_output.ToString());
        var kinds = document.RootElement.EnumerateArray().ToDictionary(v => v.GetProperty("version").GetString()!, v => v.GetProperty("kind").GetString());
        _output.GetStringBuilder().Clear();
        await RunAsync("list");

        Assert.Equal("MtlLstm", kinds[_v1]);
        Assert.Equal("BgNbdGammaGamma", kinds[v2]);
        Assert.Equal("StackedLstmBgNbd", kinds[v3]);
        Assert.Contains("BgNbdGammaGamma", _output.ToString());
        Assert.Contains("StackedLstmBgNbd", _output.ToString());
    }

    [Fact]
    public async Task Promote_UnknownVersion_ExitsWith2_AndChangesNothing()
    {
        var exit = await RunAsync("promote", "v404");

        Assert.Equal(2, exit);
        Assert.Equal(_v1, await _plane.Store.GetActiveVersionAsync());
    }

    [Theory]
    [InlineData("promote")]
    [InlineData("rollback")]
    public async Task AWrongBusPassword_ExitsWith2_BeforeTheStoreChanges(string command)
    {
        var (v2, _) = await TestModels.SaveAsync(_plane.Store, seed: 2);
        await _plane.Store.ActivateAsync(v2, "test");
        var wrongPassword = new UriBuilder(rabbit.Uri) { UserName = "guest", Password = "not-the-password" }.Uri.ToString();

        var exit = await RunWithBusAsync(wrongPassword, command == "promote" ? [command, _v1] : [command]);

        Assert.Equal(2, exit);
        Assert.Equal(v2, await _plane.Store.GetActiveVersionAsync());
        Assert.Contains("cannot reach the control-plane bus", _output.ToString());
        Assert.DoesNotContain("not-the-password", _output.ToString());
        Assert.DoesNotContain("   at ", _output.ToString());
    }

    private Task<int> RunAsync(params string[] arguments) => RunWithBusAsync(rabbit.Uri.ToString(), arguments);

    private Task<int> RunWithBusAsync(string busUri, string[] arguments)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_output), Interactive = InteractionSupport.No });
        console.Profile.Width = 200; // wide enough that no table cell wraps
        var root = new RootCommand { new ModelCommand(console) };
        string[] args =
        [
            "model", .. arguments,
            "--redis", redis.ConnectionString,
            "--rabbitmq", busUri,
            "--key-prefix", _plane.StoreKeyPrefix,
        ];
        return root.Parse(args).InvokeAsync();
    }
}
