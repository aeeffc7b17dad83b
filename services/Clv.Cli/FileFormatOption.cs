using System.CommandLine;
using Clv.Contracts.Files;

namespace Clv.Cli;

/// <summary>The <c>--format</c> option of every command that reads a transactions file, and its value as a file format.</summary>
internal static class FileFormatOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--format")
        {
            Description = "auto (CSV when the first line has a comma), csv or cdnow",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "csv", "cdnow");
        return option;
    }

    public static TransactionFileFormat ValueOf(ParseResult parse, Option<string> option) =>
        Enum.Parse<TransactionFileFormat>(parse.GetValue(option)!, ignoreCase: true);
}
