using System.CommandLine;
using Clv.Standalone;
using Microsoft.Extensions.Options;

namespace Clv.EndToEnd.Tests;

public sealed class StandaloneCommandTests
{
    [Fact]
    public async Task ARunRefusedForASetting_ExitsWith2_NamingTheSetting_WithoutAStackTrace()
    {
        var data = Path.GetTempFileName();
        var errors = new StringWriter();
        var original = Console.Error;
        Console.SetError(errors);
        int exitCode;
        try
        {
            var command = StandaloneCommand.Create((_, _) =>
                throw new OptionsValidationException("Validation", typeof(object), ["Validation:MinAmount (-1) must be >= 0"]));
            exitCode = await command.Parse(["--data", data]).InvokeAsync();
        }
        finally
        {
            Console.SetError(original);
            File.Delete(data);
        }

        Assert.Equal(StandaloneCommand.ExitInvalidSettings, exitCode);
        Assert.Contains("invalid settings: Validation:MinAmount (-1) must be >= 0", errors.ToString());
        Assert.DoesNotContain("   at ", errors.ToString());
    }
}
