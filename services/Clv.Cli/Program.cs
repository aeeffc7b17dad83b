using System.CommandLine;
using Clv.Cli;
using Clv.Cli.Commands;

using var tracing = CliTelemetry.StartTracing();
var clv = new RootCommand("clv: replay transactions, backtest models, manage model versions of Clv.Streaming")
{
    new ReplayCommand(),
    new BenchCommand(),
};
return await clv.Parse(args).InvokeAsync();
