using System.CommandLine;
using Clv.Standalone;

// Ctrl+C cancels the run; the host then stops every component (consumers close, producers flush).
return await StandaloneCommand.Create(StandaloneApp.RunAsync)
    .Parse(args)
    .InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
