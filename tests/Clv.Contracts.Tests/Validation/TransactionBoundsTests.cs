using System.Text;
using System.Text.Json.Nodes;
using Clv.Contracts.Files;
using Clv.Contracts.Validation;

namespace Clv.Contracts.Tests.Validation;

/// <summary>The configurable bounds that the sequencer's parser and the file readers (clv replay, the trainer) share (issue 11, finding 6).</summary>
public sealed class TransactionBoundsTests : IDisposable
{
    private const string Valid =
        """{"event_id":"e1","customer_id":"c1","occurred_at":"2024-05-06T07:08:09Z","amount":12.5,"currency":"USD","kind":"purchase","schema_version":1}""";

    private static readonly DateTimeOffset Now = new(2024, 5, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("clv-bounds-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("amount", "1e308", RejectionReason.AmountOutOfRange)]
    [InlineData("amount", "1000000000.01", RejectionReason.AmountOutOfRange)]
    [InlineData("occurred_at", "\"0001-01-01T00:00:00Z\"", RejectionReason.TimestampTooEarly)]
    [InlineData("occurred_at", "\"1900-01-01T00:00:00Z\"", RejectionReason.TimestampTooEarly)]
    [InlineData("occurred_at", "\"2099-01-01T00:00:00Z\"", RejectionReason.TimestampInFuture)]
    [InlineData("customer_id", "\"a\\nb\"", RejectionReason.InvalidCharacters)]
    [InlineData("event_id", "\"e\\u0000\"", RejectionReason.InvalidCharacters)]
    public void Parse_ValuesOutsideTheDefaultBounds_AreRejected(string field, string json, RejectionReason reason)
    {
        var result = new TransactionParser().Parse(With(field, json), Now);

        Assert.False(result.IsValid, $"accepted: {result.Event}");
        Assert.Equal((reason, field), (result.Rejection.Reason, result.Rejection.Field));
    }

    [Fact]
    public void Parse_BoundsAreConfigurable()
    {
        var options = new TransactionParserOptions { MaxAmount = 10, EarliestEventTime = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), IdPattern = "[a-z]+[0-9]*" };
        var parser = new TransactionParser(options);

        Assert.Equal(RejectionReason.AmountOutOfRange, parser.Parse(Encoding.UTF8.GetBytes(Valid), Now).Rejection.Reason);
        Assert.Equal(RejectionReason.TimestampTooEarly, parser.Parse(With("amount", "5"), Now).Rejection.Reason);
        var laterOptions = options with { EarliestEventTime = DateTimeOffset.UnixEpoch };
        Assert.True(new TransactionParser(laterOptions).Parse(With("amount", "5"), Now).IsValid);
        Assert.Equal(RejectionReason.InvalidCharacters, new TransactionParser(laterOptions).Parse(With("customer_id", "\"C-1\""), Now).Rejection.Reason);
    }

    [Fact]
    public void TheFileReader_RefusesWhatTheSequencerRefuses()
    {
        var path = Path.Combine(_directory, "bounds.csv");
        File.WriteAllLines(path,
        [
            "customer_id,date,amount",
            "c1,2024-05-01,10",
            "c2,2099-01-01,10",
            "c3,1900-01-01,10",
            "c4,2024-05-01,1e308",
        ]);

        var file = TransactionFileReader.Load(path, now: Now);
        var parser = new TransactionParser();

        Assert.Equal(["c1"], file.Events.Select(e => e.CustomerId));
        Assert.Equal([3, 4, 5], file.MalformedRows.Select(r => r.LineNumber));
        // Each accepted row, written as the replay publishes it, is accepted by the sequencer's parser too.
        Assert.All(file.Events, e => Assert.True(parser.Parse(Clv.Contracts.Json.ClvJson.Serialize(e), Now).IsValid));
    }

    [Fact]
    public void OptionsWithAnEmptyAmountRangeOrABadPattern_ReportTheirProblems()
    {
        var problems = new TransactionParserOptions { MinAmount = 5, MaxAmount = 1, IdPattern = "[" }.Problems().ToList();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("Validation:MaxAmount"));
        Assert.Contains(problems, p => p.Contains("Validation:IdPattern"));
    }

    private static byte[] With(string field, string json)
    {
        var document = JsonNode.Parse(Valid)!.AsObject();
        document[field] = JsonNode.Parse(json);
        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }
}
