using Spectre.Console;

namespace Clv.Cli;

/// <summary>The console a command writes to: plain text (no ANSI codes) when stdout is not a terminal or NO_COLOR is set.</summary>
public static class CliConsole
{
    /// <summary>The width given to a redirected console: wider than any row <c>clv</c> prints, so none wraps.</summary>
    public const int UnwrappedWidth = 100_000;

    public static IAnsiConsole Create()
    {
        var plain = Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = plain ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (plain && Console.IsOutputRedirected)
        {
            console.Profile.Width = UnwrappedWidth; // a file or pipe has no width: never wrap a table row
        }

        return console;
    }
}
