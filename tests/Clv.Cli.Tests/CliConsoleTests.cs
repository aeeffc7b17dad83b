using Spectre.Console;

namespace Clv.Cli.Tests;

public sealed class CliConsoleTests
{
    [Fact]
    public void RedirectedOutput_HasNoAnsiCodes_AndATableRowWiderThanAnyTerminalStaysOnOneLine()
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            var console = CliConsole.Create();
            var reason = string.Join(' ', Enumerable.Repeat("a-long-reason", 40)); // 559 characters
            console.Write(new Table().AddColumns("version", "reason").AddRow("v1", reason));
            console.MarkupLine("[red]refused[/]");
        }
        finally
        {
            Console.SetOut(original);
        }

        var text = captured.ToString();
        Assert.DoesNotContain('\u001b', text);
        Assert.Single(text.Split('\n'), line => line.Contains("v1", StringComparison.Ordinal) && line.Contains("a-long-reason a-long-reason", StringComparison.Ordinal));
        Assert.Contains(text.Split('\n'), line => line.Split("a-long-reason").Length - 1 == 40);
    }
}
