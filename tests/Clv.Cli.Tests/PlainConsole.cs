using Spectre.Console;

namespace Clv.Cli.Tests;

/// <summary>A console that writes plain, unwrapped text into a writer, as a command's output is captured in tests.</summary>
internal static class PlainConsole
{
    public static IAnsiConsole Into(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 1000;
        return console;
    }
}
