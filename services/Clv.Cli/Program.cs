using System.CommandLine;
using Clv.Cli;

using var tracing = CliTelemetry.StartTracing();
var clv = new RootCommand("clv: replay transactions, backtest models (on files or generated worlds), manage model versions, benchmark the pipeline of Clv.Streaming")
{
    new ReplayCommand(),
    new BacktestCommand(),
    new WorldsCommand(),
    new ModelCommand(),
    new BenchCommand(),
    new AlertsCommand(),
};
return await clv.Parse(args).InvokeAsync();
