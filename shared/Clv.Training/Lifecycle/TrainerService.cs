using Clv.ModelLifecycle;
using System.Globalization;
using Clv.Contracts.ModelLifecycle;
using Clv.Contracts.Validation;
using Clv.Model;
using Clv.Model.BuyTillYouDie;
using Clv.Model.Data;
using Clv.Model.Stacking;
using Clv.Training.Backtesting;
using Clv.Training.Metrics;
using Clv.Model.Persistence;
using Clv.Training;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Clv.Training.Lifecycle;

/// <summary>
/// Retrain, evaluate, promote: builds a candidate of each configured kind (MTL-LSTM, BG/NBD + Gamma-Gamma, their stack) on the
/// history up to a time-based calibration end, measures each on the holdout after it, picks one by
/// <see cref="CandidateSelection"/>, judges it against the active model (<see cref="PromotionPolicy"/>), stores it
/// with every candidate's metrics and the verdict either way, and when it is promoted makes it active and publishes
/// ModelPublished. One retrain at a time per instance.
/// </summary>
public sealed class TrainerService(
    ModelStore store,
    IConnectionMultiplexer redis,
    IPublishEndpoint publisher,
    IOptions<TrainerOptions> options,
    IOptions<TransactionParserOptions> validation,
    ILogger<TrainerService> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<RetrainOutcome> RetrainAsync(RetrainRequested request, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<RetrainOutcome> RunAsync(RetrainRequested request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var source = string.IsNullOrWhiteSpace(request.Source) ? settings.Source : request.Source;
        var histories = await TrainingHistory.LoadAsync(source, redis, validation.Value, cancellationToken).ConfigureAwait(false);
        var split = Split(histories, request.CalibrationEnd, settings.HoldoutDays);
        logger.LogInformation(
            "Retrain requested by {RequestedBy}: {Customers} customers from {Source}; calibration to {CalibrationEnd:yyyy-MM-dd}, holdout to {HoldoutEnd:yyyy-MM-dd} ({Judged} judged, {Churned} churned)",
            request.RequestedBy, histories.Count, source, split.CalibrationEnd, split.HoldoutEnd, split.Customers, split.Churned);

        var version = await store.ReserveVersionAsync().ConfigureAwait(false);
        var (candidates, training) = await BuildCandidatesAsync(histories, split, settings, version, cancellationToken).ConfigureAwait(false);
        var choice = CandidateSelection.Choose(candidates);
        foreach (var built in candidates)
        {
            logger.LogInformation("Candidate {Kind} of {Version} on the holdout: {Metrics}", built.Kind, version, MetricsReport.Describe(built.Metrics));
        }

        logger.LogInformation("Chose {Kind} for {Version}: {Reason}", choice.Chosen.Kind, version, choice.Reason);
        var candidate = choice.Chosen.Metrics;
        var (activeVersion, active) = await EvaluateActiveAsync(split).ConfigureAwait(false);
        var baseline = candidates.FirstOrDefault(c => c.Kind == ModelKind.BgNbdGammaGamma)?.Metrics
                       ?? (settings.EvaluateBaseline ? split.EvaluateBgNbdGammaGamma() : null);
        var decision = PromotionPolicy.Decide(candidate, active, settings.Promotion);
        var reason = $"{Reason(decision, split, activeVersion, baseline)}; {choice.Reason}";

        var weights = WeightsFile.ToBytes(choice.Chosen.Model);
        var info = await store.SaveAsync(
                version, weights, Metrics(choice, candidates, active, baseline, training), decision.Promote ? ModelDecision.Candidate : ModelDecision.Rejected, reason, choice.Chosen.Kind)
            .ConfigureAwait(false);
        if (decision.Promote)
        {
            await store.ActivateAsync(version, reason).ConfigureAwait(false);
            await publisher.Publish(new ModelPublished(version, info.Sha256, DateTimeOffset.UtcNow, reason), cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Promoted {Version} ({Sha256}) and published it: {Reason}", version, info.Sha256, reason);
        }
        else
        {
            logger.LogWarning("Did not promote {Version}; {Active} stays active: {Reason}", version, activeVersion ?? "no model", reason);
        }

        return new RetrainOutcome(
            version, decision with { Reason = reason }, candidate, activeVersion, active, baseline, choice.Chosen.Kind, candidates.ToDictionary(c => c.Kind, c => c.Metrics));
    }

    // Every kind on the same split: the LSTM trained on the calibration period's histories, BG/NBD + Gamma-Gamma
    // fitted on their summaries, their stack blended by weights fitted on a pseudo split inside the calibration period;
    // each measured on the same holdout, which no choice of any of them is tuned on.
    private async Task<(List<ModelCandidate> Candidates, TrainingResult? Training)> BuildCandidatesAsync(
        IReadOnlyList<CustomerHistory> histories, HoldoutSplit split, TrainerOptions settings, string version, CancellationToken cancellationToken)
    {
        var kinds = settings.CandidateKinds();
        var candidates = new List<ModelCandidate>();
        var trainingOptions = TrainingOptions(settings, split, version);
        TrainingResult? training = null;
        if (kinds.Contains(ModelKind.MtlLstm))
        {
            training = await Task.Run(() => MtlLstmTrainer.Train(histories, trainingOptions, new TrainingProgressLog(logger, version), cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            logger.LogInformation("Trained {Version} in {Elapsed:F1} s (best epoch {BestEpoch})", version, training.Elapsed.TotalSeconds, training.BestEpoch);
            candidates.Add(new ModelCandidate(training.Model, split.Evaluate(training.Model)));
        }

        BgNbdGammaGammaModel? bgNbd = null;
        if (kinds.Contains(ModelKind.BgNbdGammaGamma))
        {
            bgNbd = await Task.Run(() => split.FitBgNbdGammaGamma(version, trainingOptions.ClvHorizonDays, trainingOptions.AnnualDiscountRate, settings.Seed), cancellationToken)
                .ConfigureAwait(false);
            logger.LogInformation("Fitted BG/NBD + Gamma-Gamma for {Version}: {Parameters}", version, bgNbd.Parameters);
            candidates.Add(new ModelCandidate(bgNbd, split.Evaluate(bgNbd)));
        }

        if (kinds.Contains(ModelKind.StackedLstmBgNbd) && training is not null && bgNbd is not null
            && await FitStackAsync(histories, split, trainingOptions, version, cancellationToken).ConfigureAwait(false) is { } weights)
        {
            var stack = new StackedLstmBgNbdModel(training.Model, bgNbd, weights);
            candidates.Add(new ModelCandidate(stack, split.Evaluate(stack)));
        }

        return (candidates, training);
    }

    // The blend weights from a pseudo-backtest on the calibration period alone (the holdout stays unseen), the same
    // code as clv backtest's stack; its steps are logged. Null (no stacked candidate) when calibration is too short.
    private async Task<StackWeights?> FitStackAsync(
        IReadOnlyList<CustomerHistory> histories, HoldoutSplit split, TrainingOptions trainingOptions, string version, CancellationToken cancellationToken)
    {
        var calibration = histories.Select(h => StackPseudoBacktest.UpTo(h, split.CalibrationEnd)).ToArray();
        var progress = new CallbackProgress<string>(step => logger.LogInformation("Stack of {Version}: {Step}", version, step));
        var weights = await Task.Run(
                () => StackPseudoBacktest.Fit(calibration, split.CalibrationEnd, split.HoldoutDays, trainingOptions, progress, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        if (weights is null)
        {
            logger.LogWarning("No stacked candidate for {Version}: the calibration period is too short for a pseudo-backtest", version);
        }

        return weights;
    }

    private static HoldoutSplit Split(IReadOnlyList<CustomerHistory> histories, DateTimeOffset? requestedCalibrationEnd, int holdoutDays)
    {
        var last = DateTime.MinValue;
        foreach (var history in histories)
        {
            if (history.Events.Length > 0 && history.Events[^1].Time > last)
            {
                last = history.Events[^1].Time;
            }
        }

        var historyEnd = DateOnly.FromDateTime(last);
        var calibrationEnd = requestedCalibrationEnd is { } requested ? DateOnly.FromDateTime(requested.UtcDateTime) : historyEnd.AddDays(-holdoutDays);
        var holdoutEnd = calibrationEnd.AddDays(holdoutDays) < historyEnd ? calibrationEnd.AddDays(holdoutDays) : historyEnd;
        return HoldoutSplit.Create(histories, calibrationEnd, holdoutEnd);
    }

    private static TrainingOptions TrainingOptions(TrainerOptions settings, HoldoutSplit split, string version) => new()
    {
        CalibrationEnd = split.CalibrationEndTime,
        HiddenSize = settings.HiddenSize,
        DenseSize = settings.DenseSize,
        WindowSize = settings.WindowSize,
        HorizonDays = split.HoldoutDays,
        MaxEpochs = settings.MaxEpochs,
        LearningRate = settings.LearningRate,
        Seed = settings.Seed,
        Version = version,
    };

    // The active model is re-scored on this split, so both are judged on the same customers and window.
    private async Task<(string? Version, ModelMetrics? Metrics)> EvaluateActiveAsync(HoldoutSplit split)
    {
        var version = await store.GetActiveVersionAsync().ConfigureAwait(false);
        if (version is null)
        {
            return (null, null);
        }

        var weights = await store.GetWeightsAsync(version).ConfigureAwait(false);
        if (weights is null)
        {
            logger.LogWarning("Active version {Version} has no weights in the store; judging the candidate as a first model", version);
            return (version, null);
        }

        return (version, split.Evaluate(WeightsFile.ReadModel(weights)));
    }

    private static string Reason(PromotionDecision decision, HoldoutSplit split, string? activeVersion, ModelMetrics? baseline)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{decision.Reason}; holdout {split.CalibrationEnd:yyyy-MM-dd}..{split.HoldoutEnd:yyyy-MM-dd}, {split.Customers} customers; active was {activeVersion ?? "none"}");
        return baseline is null ? text : $"{text}; BG/NBD+Gamma-Gamma: {MetricsReport.Describe(baseline)}";
    }

    // The chosen candidate's metrics unprefixed, every candidate's under "lstm." / "bgnbd." / "stacked." (the BG/NBD
    // baseline's too when it was not a candidate), the stack's weights under "stack.", the active model's under "active.".
    private static Dictionary<string, double> Metrics(CandidateChoice choice, List<ModelCandidate> candidates, ModelMetrics? active, ModelMetrics? baseline, TrainingResult? training)
    {
        var metrics = new Dictionary<string, double>();
        MetricsReport.AddTo(metrics, choice.Chosen.Metrics);
        foreach (var built in candidates.Where(c => c.Kind == ModelKind.MtlLstm))
        {
            MetricsReport.AddTo(metrics, built.Metrics, "lstm.");
        }

        foreach (var built in candidates)
        {
            if (built.Model is StackedLstmBgNbdModel stack)
            {
                MetricsReport.AddTo(metrics, built.Metrics, "stacked.");
                MetricsReport.AddTo(metrics, stack.Weights);
            }
        }

        if (training is not null)
        {
            metrics["training_seconds"] = Math.Round(training.Elapsed.TotalSeconds, 1);
            metrics["best_epoch"] = training.BestEpoch;
        }

        if (active is not null)
        {
            MetricsReport.AddTo(metrics, active, "active.");
        }

        if (baseline is not null)
        {
            MetricsReport.AddTo(metrics, baseline, "bgnbd.");
        }

        return metrics;
    }
}
