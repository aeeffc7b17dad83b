using Clv.Model.Persistence;
using Clv.ModelLifecycle;
using Clv.Workers.Options;
using Microsoft.Extensions.Logging;

namespace Clv.Workers.Scoring;

/// <summary>The initial <see cref="ActiveModel"/>: the weights file of <see cref="WorkersOptions.ModelPath"/>, or empty until one is swapped in.</summary>
public static class ActiveModelLoader
{
    public static ActiveModel Load(WorkersOptions options, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(options.ModelPath))
        {
            logger.LogWarning("No Workers:ModelPath: the scorer stays unready until a model is swapped in");
            return new ActiveModel();
        }

        var model = WeightsFile.ReadModelFile(options.ModelPath);
        logger.LogInformation("Scoring with {Kind} model {Version} from {Path}", model.Kind, model.Version, options.ModelPath);
        return new ActiveModel(model);
    }
}
