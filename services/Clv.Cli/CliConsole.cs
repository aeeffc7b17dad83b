using Spectre.Console;

namespace Clv.Cli;

/// <summary>The console a command writes to: plain text (no ANSI codes) when stdout is not a terminal or NO_COLOR is set.</summary>
public static class CliConsole
{
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
            console.Profile.Width = 200; // a file or pipe has no width: do not wrap tables at 80 columns
        }

        return console;
    }
}
