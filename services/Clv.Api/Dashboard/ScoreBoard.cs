using System.Text.Json;
using Clv.Api.Feeds;
using Clv.Contracts.Json;
using Clv.Contracts.Scores;
using Microsoft.Extensions.Options;

namespace Clv.Api.Dashboard;

/// <summary>
/// The latest score of every customer seen on <c>clv-updates</c> (up to <see cref="ApiOptions.TrackedCustomers"/>),
/// and the update rate over the last ten seconds: the dashboard's distributions, CLV at risk and top movers.
/// </summary>
public sealed class ScoreBoard
{
    public const double AtRiskChurn = 0.5;
    public const int TopMoverCount = 10;
    private const int RateSeconds = 10;

    /// <summary>Upper edges of the CLV bins (the last bin is open).</summary>
    public static readonly double[] ClvBinEdges = [10, 25, 50, 100, 250, 500, 1000, 2500];

    private readonly Dictionary<string, CustomerMove> _latest = new(StringComparer.Ordinal);
    private readonly long[] _perSecond = new long[RateSeconds];
    private readonly long[] _secondOf = new long[RateSeconds];
    private readonly Lock _lock = new();
    private readonly int _capacity;
    private readonly TimeProvider _clock;
    private readonly ILogger<ScoreBoard> _logger;
    private string? _modelVersion;
    private long _malformed;

    public ScoreBoard(IOptions<ApiOptions> options, TimeProvider clock, ILogger<ScoreBoard> logger)
    {
        _capacity = options.Value.TrackedCustomers;
        _clock = clock;
        _logger = logger;
    }

    public string? ModelVersion => Volatile.Read(ref _modelVersion);

    public void Observe(FeedEntry entry)
    {
        ClvUpdate update;
        try
        {
            update = ClvJson.Deserialize<ClvUpdate>(entry.Json.Span);
        }
        catch (JsonException e)
        {
            // One bad message must not stop the board; say so once per thousand.
            if (Interlocked.Increment(ref _malformed) % 1000 == 1)
            {
                _logger.LogWarning(e, "Update {Id} on the updates feed is not a ClvUpdate", entry.Id);
            }

            return;
        }

        var second = _clock.GetUtcNow().ToUnixTimeSeconds();
        lock (_lock)
        {
            var slot = (int)(second % RateSeconds);
            if (_secondOf[slot] != second)
            {
                (_secondOf[slot], _perSecond[slot]) = (second, 0);
            }

            _perSecond[slot]++;
            var before = _latest.TryGetValue(update.CustomerId, out var previous) ? previous.ChurnAfter : update.ChurnProbability;
            if (previous is not null || _latest.Count < _capacity)
            {
                _latest[update.CustomerId] = new CustomerMove(update.CustomerId, before, update.ChurnProbability, update.Clv, update.AsOf);
            }
        }

        Volatile.Write(ref _modelVersion, update.ModelVersion);
    }

    public DashboardSummary Summarize(string? activeModelVersion, long alertsReceived, long updatesReceived, long? consumerLag, long feedLag)
    {
        var churn = new int[10];
        var clv = new int[ClvBinEdges.Length + 1];
        var movers = new PriorityQueue<CustomerMove, double>();
        double clvAtRisk = 0;
        var atRisk = 0;
        int customers;
        long recent = 0;
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        lock (_lock)
        {
            customers = _latest.Count;
            foreach (var move in _latest.Values)
            {
                churn[Math.Clamp((int)(move.ChurnAfter * 10), 0, 9)]++;
                clv[BinOf(move.Clv)]++;
                if (move.ChurnAfter >= AtRiskChurn)
                {
                    clvAtRisk += move.Clv;
                    atRisk++;
                }

                var size = Math.Abs(move.ChurnAfter - move.ChurnBefore);
                if (size > 0)
                {
                    movers.Enqueue(move, size);
                    if (movers.Count > TopMoverCount)
                    {
                        movers.Dequeue();
                    }
                }
            }

            // The current second is still filling: the rate is over the ten complete seconds before it.
            for (var i = 0; i < RateSeconds; i++)
            {
                if (_secondOf[i] < now && _secondOf[i] >= now - RateSeconds)
                {
                    recent += _perSecond[i];
                }
            }
        }

        var top = new List<CustomerMove>(movers.Count);
        while (movers.Count > 0)
        {
            top.Add(movers.Dequeue());
        }

        top.Reverse();
        return new DashboardSummary(
            activeModelVersion ?? ModelVersion, customers, recent / (double)RateSeconds, updatesReceived, alertsReceived, consumerLag, feedLag,
            clvAtRisk, atRisk, AtRiskChurn, churn, ClvBinEdges, clv, top);
    }

    private static int BinOf(double value)
    {
        var bin = 0;
        while (bin < ClvBinEdges.Length && value >= ClvBinEdges[bin])
        {
            bin++;
        }

        return bin;
    }
}
