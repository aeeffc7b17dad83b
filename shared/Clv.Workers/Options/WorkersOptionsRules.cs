using Clv.Workers.Kafka;

namespace Clv.Workers.Options;

/// <summary>What makes <see cref="WorkersOptions"/> unusable, checked at start-up; each message names the setting.</summary>
public static class WorkersOptionsRules
{
    public static IEnumerable<string> Problems(WorkersOptions options)
    {
        if (options.WindowSize < 1 || options.WindowSize >= ushort.MaxValue)
        {
            yield return $"Workers:WindowSize ({options.WindowSize}) must be at least 1 and below {ushort.MaxValue} (a window stores its capacity, WindowSize + 1, as 16 bits)";
        }

        if (options.DedupeHorizon != 0 && options.DedupeHorizon < options.WindowSize)
        {
            yield return $"Workers:DedupeHorizon ({options.DedupeHorizon}) must be 0 (the window) or at least Workers:WindowSize ({options.WindowSize}): repeats within the window must be recognised";
        }

        if (options.Batch.MaxSize < 1 || options.Batch.MaxDelayMs < 0)
        {
            yield return $"Workers:Batch:MaxSize ({options.Batch.MaxSize}) must be at least 1 and Workers:Batch:MaxDelayMs ({options.Batch.MaxDelayMs}) not negative";
        }

        if (options.Retry.InitialDelayMs < 1 || options.Retry.MaxDelayMs < options.Retry.InitialDelayMs)
        {
            yield return $"Workers:Retry:InitialDelayMs ({options.Retry.InitialDelayMs}) must be at least 1 (0 retries in a busy loop) "
                + $"and Workers:Retry:MaxDelayMs ({options.Retry.MaxDelayMs}) at least as large";
        }

        if (options.DeadLetterMaxBytes < 4 * DeadLetters.TruncatedPreviewBytes)
        {
            yield return $"Workers:DeadLetterMaxBytes ({options.DeadLetterMaxBytes}) must be at least {4 * DeadLetters.TruncatedPreviewBytes}, room for a truncated dead letter";
        }

        if (options.HorizonDays < 0 || options.ClvHorizonDays < 0)
        {
            yield return "Workers:HorizonDays and Workers:ClvHorizonDays must not be negative (0 takes the model's)";
        }

        if (string.IsNullOrWhiteSpace(options.SequencerGroupId) || string.IsNullOrWhiteSpace(options.ScorerGroupId))
        {
            yield return "Workers:SequencerGroupId and Workers:ScorerGroupId must not be empty";
        }

        string[] topics = [options.Topics.Transactions, options.Topics.DeadLetter, options.Topics.Sequenced, options.Topics.ClvUpdates, options.Topics.ChurnAlerts];
        if (topics.Any(string.IsNullOrWhiteSpace) || topics.Distinct(StringComparer.Ordinal).Count() != topics.Length)
        {
            yield return $"Workers:Topics must name five different, non-empty topics (got {string.Join(", ", topics)})";
        }

        if (!string.IsNullOrWhiteSpace(options.ModelPath) && !File.Exists(options.ModelPath))
        {
            yield return $"Workers:ModelPath {options.ModelPath} does not exist";
        }
    }
}
