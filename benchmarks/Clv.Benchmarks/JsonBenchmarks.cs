using System.Buffers;
using BenchmarkDotNet.Attributes;
using Clv.Contracts.Json;
using Clv.Contracts.Scores;
using Clv.Contracts.Transactions;
using Clv.Contracts.Validation;

namespace Clv.Benchmarks;

/// <summary>
/// The JSON work per event: the sequencer's parse and validation of an incoming transaction
/// (<see cref="TransactionParser"/>) and the serialisation of a transaction and of the scorer's
/// <see cref="ClvUpdate"/> (<see cref="ClvJson"/>), to a new array as the publisher does and to a reused buffer.
/// </summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private readonly TransactionParser _parser = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly DateTimeOffset _now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private TransactionEvent _transaction = null!;
    private ClvUpdate _update = null!;
    private byte[] _transactionJson = null!;

    [GlobalSetup]
    public void Setup()
    {
        _transaction = new TransactionEvent("evt-000123456", "cust-004711", new DateTimeOffset(2024, 5, 30, 14, 3, 7, TimeSpan.Zero), 42.5, "USD", TransactionKind.Purchase, "web", "books");
        _update = new ClvUpdate("cust-004711", _transaction.OccurredAt, "v20240601", 17, ScoreCause.Event, 0.3127, 273, 118.4, 0, 260.9, 365, 151.2, 0, 333.7);
        _transactionJson = ClvJson.Serialize(_transaction);
    }

    [Benchmark(Description = "parse + validate transaction")]
    public bool ParseTransaction() => _parser.Parse(_transactionJson, _now).IsValid;

    [Benchmark(Description = "serialise transaction (new array)")]
    public int SerializeTransaction() => ClvJson.Serialize(_transaction).Length;

    [Benchmark(Description = "serialise ClvUpdate (new array)")]
    public int SerializeUpdate() => ClvJson.Serialize(_update).Length;

    [Benchmark(Description = "serialise ClvUpdate (reused buffer)")]
    public int SerializeUpdateToBuffer()
    {
        _buffer.ResetWrittenCount();
        ClvJson.Serialize(_buffer, _update);
        return _buffer.WrittenCount;
    }
}
