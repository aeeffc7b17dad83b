using System.CommandLine;
using Clv.Cli.Alerts;
using Spectre.Console;

namespace Clv.Cli;

/// <summary><c>clv alerts</c>: commands about churn alerts.</summary>
public sealed class AlertsCommand : Command
{
    public AlertsCommand(IAnsiConsole? console = null)
        : base("alerts", "Churn alerts: measure the alert policy against simple rules")
    {
        Subcommands.Add(new AlertsEvaluateCommand(console));
    }
}
