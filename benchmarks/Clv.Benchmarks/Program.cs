using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Clv.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Clv.Benchmarks.StepBenchmarks).Assembly).Run(args);
