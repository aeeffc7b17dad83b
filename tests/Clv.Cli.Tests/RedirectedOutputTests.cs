using System.Diagnostics;

namespace Clv.Cli.Tests;

/// <summary>
/// <c>clv</c> as a script runs it: a separate process with standard output redirected, on a terminal type that
/// supports colour. Each command's error line is coloured on a terminal; redirected, it must carry no ANSI code.
/// </summary>
public sealed class RedirectedOutputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("clv-redirected-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("replay", "cannot reach Kafka")]
    [InlineData("backtest", "cannot backtest on")]
    [InlineData("worlds", "cannot write world bgnbd into")]
    [InlineData("model", "cannot reach the model store")]
    public async Task ACommandsErrorLine_RedirectedOnAColourTerminal_HasNoAnsiCodes(string command, string expected)
    {
        var file = Path.Combine(_directory, "one.csv");
        File.WriteAllText(file, "customer_id,date,amount\nc1,1998-01-05,10\n");
        string[] arguments = command switch
        {
            "replay" => ["replay", "--file", file, "--bootstrap-servers", "127.0.0.1:1"],
            "backtest" => ["backtest", "--transactions", file, "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--out", Path.Combine(_directory, "out")],
            "worlds" => ["worlds", "--out", file, "--world", "bgnbd", "--customers", "100"],
            _ => ["model", "list", "--redis", "127.0.0.1:1"],
        };

        var output = await RunClvAsync(arguments);

        Assert.Contains(expected, output);
        Assert.DoesNotContain('\u001b', output);
    }

    private static async Task<string> RunClvAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "clv.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove("NO_COLOR");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return await output + await error;
    }
}
