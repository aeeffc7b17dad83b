using Clv.Contracts.Transactions;
using Clv.Model;
using Clv.Model.Features;
using Clv.Model.Persistence;
using Clv.Workers.ModelLifecycle;

namespace Clv.Standalone;

/// <summary>
/// The model the pipeline starts with: fitted on the data about to be replayed, stored in the model
/// store and made its active version, so the scorer loads it at start as any replica would.
/// </summary>
public static class InitialModel
{
    public static async Task<string> PublishAsync(ModelStore store, IReadOnlyList<TransactionEvent> events, int epochs, IProgress<string> progress)
    {
        var version = await store.ReserveVersionAsync();
        progress.Report($"initial model {version}: {events.Count:N0} events, {epochs} epochs");
        // Interim until Clv.Model's trainer lands: an untrained network of the default shape.
        var model = MtlLstmModel.CreateInitial(new ModelConfig(), FeatureStatistics.Identity, seed: 1, version);
        await store.SaveAsync(version, WeightsFile.ToBytes(model), new Dictionary<string, double>(), ModelDecision.Promoted, "initial model of Clv.Standalone");
        await store.ActivateAsync(version, "initial model of Clv.Standalone");
        return version;
    }
}
