using Clv.Contracts.Json;
using Clv.Contracts.Transactions;
using Confluent.Kafka;

namespace Clv.Development.LoadHarness;

/// <summary>
/// The in-process stand-in for one consumer's partition: valid transaction messages of Zipf-distributed
/// customers, serialised as the replay tool publishes them, with consecutive offsets of one partition.
/// Each customer's events move forward in time (1 to 60 minutes apart). Not thread-safe: one per worker.
/// </summary>
public sealed class SyntheticSource
{
    private static readonly DateTimeOffset Start = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string[] _customers;
    private readonly DateTimeOffset[] _lastTime;
    private readonly ZipfSampler _zipf;
    private readonly Random _random;
    private readonly string _topic;
    private readonly int _partition;
    private long _offset;

    public SyntheticSource(string customerPrefix, ZipfSampler zipf, int customers, string topic, int partition, int seed)
    {
        _customers = new string[customers];
        _lastTime = new DateTimeOffset[customers];
        for (var k = 0; k < customers; k++)
        {
            _customers[k] = $"{customerPrefix}-c{k}";
            _lastTime[k] = Start;
        }

        _zipf = zipf;
        _random = new Random(seed);
        _topic = topic;
        _partition = partition;
    }

    /// <summary>The customer id of customer <paramref name="k"/>.</summary>
    public string CustomerId(int k) => _customers[k];

    public ConsumeResult<string, byte[]> Next() => Next(_zipf.Sample(_random));

    /// <summary>The next event of customer <paramref name="k"/> (0 to customers - 1), whatever the Zipf draw would have been.</summary>
    public ConsumeResult<string, byte[]> Next(int k)
    {
        var time = _lastTime[k] = _lastTime[k].AddMinutes(1 + _random.Next(60));
        var kind = _random.NextDouble() < 0.05 ? TransactionKind.Refund : TransactionKind.Purchase;
        var transaction = new TransactionEvent($"{_customers[k]}-o{_offset}", _customers[k], time, Math.Round(5 + (_random.NextDouble() * 195), 2), "USD", kind);
        return new ConsumeResult<string, byte[]>
        {
            Topic = _topic,
            Partition = _partition,
            Offset = _offset++,
            Message = new Message<string, byte[]> { Key = transaction.CustomerId, Value = ClvJson.Serialize(transaction) },
        };
    }
}
