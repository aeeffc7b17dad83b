using System.CommandLine;
using Clv.Cli;

using var tracing = CliTelemetry.StartTracing();
var clv = new RootCommand("clv: replay transactions, backtest models, manage model versions, benchmark the pipeline of Clv.Streaming")
{
    new ReplayCommand(),
    new BacktestCommand(),
    new ModelCommand(),
    new BenchCommand(),
    new AlertsCommand(),
};
return await clv.Parse(args).InvokeAsync();
