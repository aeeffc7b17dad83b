using Clv.Contracts.Validation;
using Clv.Hosting.Redis;
using Clv.Model;
using Clv.Workers.Options;
using Clv.Workers.Scoring;
using Clv.Workers.Sequencing;
using Clv.Workers.State;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Clv.Api.Customers;

/// <summary>
/// Scores after each event still in a customer's rolling window: the window (one LRANGE) replayed through the
/// active model, one LSTM step and the heads per event, with the scorer's horizons.
/// </summary>
public sealed class ScoreHistoryReader(IConnectionMultiplexer redis, ActiveModelCache models, TransactionParser parser, IOptions<WorkersOptions> workers, TimeProvider clock)
{
    // The scorer's own horizon rule (configured, else the model's).
    private readonly ScorePublisher _horizons = new(workers);

    /// <summary>Null when the customer has no events; throws <see cref="InvalidOperationException"/> when no model is active.</summary>
    public async Task<ScoreHistory?> GetAsync(string customerId)
    {
        var entries = await redis.GetDatabase().ListRangeAsync(RedisKeys.Sequence(customerId)).ConfigureAwait(false);
        if (entries.Length == 0)
        {
            return null;
        }

        var model = await models.GetAsync().ConfigureAwait(false) ?? throw new InvalidOperationException("no model is active yet");
        var horizon = _horizons.HorizonDays(model);
        var clvHorizon = _horizons.ClvHorizonDays(model);
        var state = new CustomerState(model.Config.HiddenSize);
        var points = new List<HistoryPoint>(entries.Length);
        var firstSeq = 0L;
        var now = clock.GetUtcNow();
        foreach (var stored in entries)
        {
            if (!SequenceEntry.TryParse((ReadOnlyMemory<byte>)stored, out var entry) || parser.Parse(entry.Payload.Span, now) is not { IsValid: true } parsed)
            {
                continue;
            }

            var e = parsed.Event;
            var customerEvent = CustomerEvents.From(e);
            state.Advance(model, customerEvent);
            var scores = state.Score(model, customerEvent.Time, horizon, clvHorizon);
            firstSeq = firstSeq == 0 ? entry.SeqNo : firstSeq;
            points.Add(new HistoryPoint(entry.SeqNo, e.EventId, e.OccurredAt, e.Kind, e.Amount, scores.ChurnProbability, scores.ExpectedSpend, scores.Clv, scores.ClvP10, scores.ClvP90));
        }

        return new ScoreHistory(customerId, model.Version, horizon, clvHorizon, firstSeq == 1, points);
    }
}
