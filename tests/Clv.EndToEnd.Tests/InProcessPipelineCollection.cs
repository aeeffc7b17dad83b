namespace Clv.EndToEnd.Tests;

/// <summary>
/// Tests that run a pipeline in this process never run side by side: ActivitySource listeners are
/// process-wide, so one test's trace exporter would otherwise also collect the other pipeline's spans.
/// </summary>
[CollectionDefinition(nameof(InProcessPipelineCollection), DisableParallelization = true)]
public sealed class InProcessPipelineCollection;
