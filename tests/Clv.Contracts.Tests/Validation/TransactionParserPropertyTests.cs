using Clv.Contracts.Json;
using Clv.Contracts.Transactions;
using Clv.Contracts.Validation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Contracts.Tests.Validation;

public sealed class TransactionParserPropertyTests
{
    private static readonly TransactionParser Parser = new();
    private static readonly DateTimeOffset Now = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Property(MaxTest = 2000)]
    public bool Parse_ArbitraryBytes_NeverThrows(byte[] bytes) => IsWellFormed(Parser.Parse(bytes, Now));

    [Property(MaxTest = 2000)]
    public Property Parse_MutatedValidJson_NeverThrows() =>
        Prop.ForAll(TransactionGenerators.MutatedJson.ToArbitrary(), bytes => IsWellFormed(Parser.Parse(bytes, Now)));

    [Property(MaxTest = 2000)]
    public Property Parse_FieldsOfAnyType_NeverThrow() =>
        Prop.ForAll(TransactionGenerators.FieldSoup.ToArbitrary(), bytes => IsWellFormed(Parser.Parse(bytes, Now)));

    [Property(MaxTest = 1000, Arbitrary = [typeof(TransactionGenerators)])]
    public void Parse_SerializedValidEvent_RoundTripsExactly(TransactionEvent transaction)
    {
        var result = Parser.Parse(ClvJson.Serialize(transaction), Now);

        Assert.True(result.IsValid, result.Rejection.ToString());
        Assert.Equal(transaction, result.Event);
        Assert.Equal(TimeSpan.Zero, result.Event.OccurredAt.Offset);
    }

    /// <summary>A result is either an event or a rejection with a reason and a message, never both or neither.</summary>
    private static bool IsWellFormed(TransactionParseResult result) =>
        result.IsValid
            ? result.Rejection == default
            : Enum.IsDefined(result.Rejection.Reason) && !string.IsNullOrEmpty(result.Rejection.Message) && result.Rejection.Field is not null;
}
