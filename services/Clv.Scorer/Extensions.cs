using Clv.Hosting;
using Clv.Workers;
using Clv.ModelLifecycle;
using Clv.Workers.Options;

namespace Clv.Scorer;

/// <summary>
/// This service's parts: the scorer consume loop on <c>transactions.sequenced</c> (split deployment), or with
/// <c>Workers:Fused=true</c> sequencer and scorer in one loop on <c>transactions</c> (fused deployment); and the
/// replica's side of the model lifecycle (its own control-plane queue: every replica activates every
/// published model, and loads the store's active version at start-up).
/// </summary>
public static class Extensions
{
    public static IHostApplicationBuilder AddScorer(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>($"{WorkersOptions.Section}:{nameof(WorkersOptions.Fused)}"))
            builder.AddFusedWorker();
        else
            builder.AddScorerWorker();

        builder.Services.AddModelActivation(builder.Configuration);
        builder.Services.AddClvBus(builder.Configuration, bus => bus.AddModelActivation(builder.Configuration.ReplicaId()));
        return builder;
    }
}
