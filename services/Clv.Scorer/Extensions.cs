using Clv.Workers;
using Clv.Workers.Options;

namespace Clv.Scorer;

/// <summary>
/// This service's parts: the scorer consume loop on <c>transactions.sequenced</c> (split deployment), or with
/// <c>Workers:Fused=true</c> sequencer and scorer in one loop on <c>transactions</c> (fused deployment).
/// </summary>
public static class Extensions
{
    public static IHostApplicationBuilder AddScorer(this IHostApplicationBuilder builder) =>
        builder.Configuration.GetValue<bool>($"{WorkersOptions.Section}:{nameof(WorkersOptions.Fused)}")
            ? builder.AddFusedWorker()
            : builder.AddScorerWorker();
}
