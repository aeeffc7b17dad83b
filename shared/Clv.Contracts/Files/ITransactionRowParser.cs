namespace Clv.Contracts.Files;

/// <summary>Turns one non-blank data line of a file format into an event or a malformed-row reason.</summary>
internal interface ITransactionRowParser
{
    TransactionFileRow Parse(string line, int lineNumber);
}
