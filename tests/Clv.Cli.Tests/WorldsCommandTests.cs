using System.CommandLine;
using System.Text.Json;
using Clv.Training.Backtesting;
using Clv.Training.Worlds;

namespace Clv.Cli.Tests;

/// <summary>
/// <c>clv worlds</c> end to end on tiny worlds (a few hundred customers, one LSTM epoch), so the command
/// cannot rot: files written, every model present, the true model only where the world has one.
/// No metric is asserted: at this size they say nothing.
/// </summary>
public sealed class WorldsCommandTests : IDisposable
{
    private static readonly string[] EveryBacktestModel =
        [ModelNames.MtlLstm, ModelNames.LstmChurnOnly, ModelNames.LstmSpendOnly, ModelNames.BgNbdGammaGamma, ModelNames.Stacked, ModelNames.GradientBoosted];

    private readonly string _directory = Directory.CreateTempSubdirectory("clv-worlds-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Worlds_OnTwoTinyWorlds_WritesEachWorldsFilesWithEveryModel_TheTrueModelOnBgNbdOnly_AndListsEveryFile()
    {
        var (exitCode, output) = Run("worlds", "--out", _directory, "--world", "bgnbd", "--world", "regime-change",
            "--customers", "300", "--lstm-max-epochs", "1", "--seed", "4");

        Assert.True(exitCode == 0, output);
        Assert.Equal([.. EveryBacktestModel, WorldOracle.ModelName], ModelsIn("bgnbd"));
        Assert.Equal(EveryBacktestModel, ModelsIn("regime-change"));
        foreach (var world in new[] { "bgnbd", "regime-change" })
        {
            var customers = File.ReadLines(Path.Combine(_directory, world, WorldSuite.TransactionsFile)).Skip(1).Select(line => line.Split(',')[0]).Distinct().Count();
            Assert.Equal(300, customers);
            Assert.True(File.Exists(Path.Combine(_directory, world, "report.md")), $"{world}/report.md missing");
        }

        Assert.Contains("## regime-change", File.ReadAllText(Path.Combine(_directory, WorldSummaryWriter.FileName)), StringComparison.Ordinal);
        var files = Directory.EnumerateFiles(_directory, "*", SearchOption.AllDirectories).ToArray();
        Assert.All(files, file => Assert.Contains(file, output, StringComparison.Ordinal));
        Assert.Contains($"wrote {files.Length} files", output, StringComparison.Ordinal);
        Assert.Contains(WorldOracle.ModelName, output, StringComparison.Ordinal);
    }

    [Fact]
    public void WorldsJson_PrintsOnlyJson_WithEveryModelOfTheWorldAndEveryFileWritten()
    {
        var (exitCode, output) = Run("worlds", "--out", _directory, "--world", "wholesale", "--customers", "200", "--lstm-max-epochs", "1", "--json");

        Assert.True(exitCode == 0, output);
        using var printed = JsonDocument.Parse(output);
        var world = Assert.Single(printed.RootElement.GetProperty("worlds").EnumerateArray());
        Assert.Equal("wholesale", world.GetProperty("world").GetString());
        Assert.Equal(EveryBacktestModel, world.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("model").GetString()!));
        Assert.Equal(
            Directory.EnumerateFiles(_directory, "*", SearchOption.AllDirectories).Order(),
            printed.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).Order());
    }

    [Fact]
    public void Worlds_WithAnUnknownWorld_NamesTheWorldsAndWritesNothing()
    {
        var (exitCode, output) = Run("worlds", "--out", _directory, "--world", "bgnbd", "--world", "martian");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("no world named 'martian'", output, StringComparison.Ordinal);
        Assert.Contains("seasonal", output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Fact]
    public void Worlds_WithTooFewCustomers_SaysTheMinimumAndWritesNothing()
    {
        var (exitCode, output) = Run("worlds", "--out", _directory, "--customers", "99");

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"--customers must be at least {WorldsCommand.MinimumCustomers}", output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Fact]
    public void Worlds_IntoAnOutputThatIsAFile_SaysSoWithExitCode2_NotAStackTrace()
    {
        var file = Path.Combine(_directory, "not-a-directory");
        File.WriteAllText(file, "");

        var (exitCode, output) = Run("worlds", "--out", file, "--world", "bgnbd", "--customers", "100");

        Assert.Equal(2, exitCode);
        Assert.Contains($"cannot write world bgnbd into {file}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private string[] ModelsIn(string world)
    {
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, world, "metrics.json")));
        return metrics.RootElement.GetProperty("models").EnumerateObject().Select(m => m.Name).ToArray();
    }

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var console = PlainConsole.Into(output);
        var root = new RootCommand { new WorldsCommand(console) };
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
        return (exitCode, output.ToString());
    }
}
