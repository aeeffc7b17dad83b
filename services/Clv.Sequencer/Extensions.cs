using Clv.Workers;

namespace Clv.Sequencer;

/// <summary>This service's parts: the sequencer consume loop (<c>transactions</c> -> rolling sequences -> <c>transactions.sequenced</c>).</summary>
public static class Extensions
{
    public static IHostApplicationBuilder AddSequencer(this IHostApplicationBuilder builder) => builder.AddSequencerWorker();
}
