using System.Globalization;
using Clv.Model;
using Clv.Workers.Options;
using Clv.Workers.Scoring;
using Clv.Workers.Sequencing;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Clv.Api.Customers;

/// <summary>
/// Scores after each event still in a customer's rolling window: the window (read by
/// <see cref="CustomerWindowStore"/>) replayed through the active model, one LSTM step and the heads per event,
/// with the scorer's horizons.
/// </summary>
public sealed class ScoreHistoryReader(IConnectionMultiplexer redis, ActiveModelCache models, IOptions<WorkersOptions> workers)
{
    // The scorer's own horizon rule (configured, else the model's).
    private readonly ScorePublisher _horizons = new(workers);

    /// <summary>Null when the customer has no events; throws <see cref="InvalidOperationException"/> when no model is active.</summary>
    /// <exception cref="FormatException">The stored window is not in window format 2.</exception>
    public async Task<ScoreHistory?> GetAsync(string customerId)
    {
        if (await CustomerWindowStore.ReadAsync(redis.GetDatabase(), customerId).ConfigureAwait(false) is not { } window)
        {
            return null;
        }

        var records = window.Records;
        var model = await models.GetAsync().ConfigureAwait(false) ?? throw new InvalidOperationException("no model is active yet");
        var horizon = _horizons.HorizonDays(model);
        var clvHorizon = _horizons.ClvHorizonDays(model);
        var state = new CustomerState(model.HiddenSize);
        var points = new List<HistoryPoint>(records.Count);
        foreach (var record in records)
        {
            var customerEvent = record.ToCustomerEvent();
            state.Advance(model, customerEvent);
            var scores = state.Score(model, customerEvent.Time, horizon, clvHorizon);
            points.Add(new HistoryPoint(record.SeqNo, record.EventIdHash.ToString("x16", CultureInfo.InvariantCulture), record.OccurredAt, record.Kind, record.Amount, scores.ChurnProbability, scores.ExpectedSpend, scores.Clv, scores.ClvP10, scores.ClvP90));
        }

        return new ScoreHistory(customerId, model.Version, horizon, clvHorizon, records.Count > 0 && records[0].SeqNo == 1, points);
    }
}
