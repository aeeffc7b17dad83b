using Clv.Model.Persistence;
using StackExchange.Redis;

namespace Clv.ModelLifecycle;

/// <summary>
/// Fetches a version's weights from the store and refuses it unless it is exactly what was published and
/// sane to serve: the bytes' SHA-256 matches the message and the store's record, the weights file reads
/// (its own checksum, format version, model kind, feature schema and shapes or finite positive BG/NBD + Gamma-Gamma
/// parameters, or for a stack both components agreeing and finite weights, see <see cref="WeightsFile"/>), the
/// file names the same version, its window size is the workers' (the sequencer keeps that many events per
/// customer, so a model with another window would rebuild states from a different history than it was trained
/// on), and the canary probe set scores sensibly at the horizons the workers serve (0: the model's own).
/// </summary>
public sealed class ModelVerifier(ModelStore store, int? servingWindowSize = null, int servingHorizonDays = 0, int servingClvHorizonDays = 0)
{
    public async Task<ModelVerification> VerifyAsync(string version, string? expectedSha256)
    {
        byte[]? weights;
        ModelVersionInfo? info;
        try
        {
            weights = await store.GetWeightsAsync(version).ConfigureAwait(false);
            info = await store.GetInfoAsync(version).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            // Refused rather than thrown: the sender hears why, and the replica keeps its current model.
            return ModelVerification.Failed($"the model store could not be read: {e.Message}");
        }

        if (weights is null || info is null)
        {
            return ModelVerification.Failed($"version {version} is not in the model store");
        }

        var actual = ModelStore.Sha256Hex(weights);
        if (expectedSha256 is not null && !string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            return ModelVerification.Failed($"checksum mismatch: the stored weights hash to {actual}, the publication announced {expectedSha256}");
        }

        if (!string.Equals(actual, info.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            return ModelVerification.Failed($"checksum mismatch: the stored weights hash to {actual}, the store recorded {info.Sha256}");
        }

        Clv.Model.ScoringModel model;
        try
        {
            model = WeightsFile.ReadModel(weights);
        }
        catch (InvalidModelFileException e)
        {
            return ModelVerification.Failed(e.Message);
        }

        if (model.Version != version)
        {
            return ModelVerification.Failed($"the weights file names version {model.Version}, the store key is {version}");
        }

        if (servingWindowSize is { } window && model.WindowSize is { } modelWindow && modelWindow != window)
        {
            return ModelVerification.Failed(
                $"the model's window size is {model.WindowSize}, the workers' (Workers:WindowSize) is {window}: train with Trainer:WindowSize={window}");
        }

        var canary = CanaryProbe.Check(model, servingHorizonDays, servingClvHorizonDays);
        return canary is null ? ModelVerification.Passed(model) : ModelVerification.Failed(canary);
    }
}
