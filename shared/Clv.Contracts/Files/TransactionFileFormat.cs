namespace Clv.Contracts.Files;

public enum TransactionFileFormat
{
    /// <summary>CSV when the first non-blank line contains a comma, CDNOW text otherwise.</summary>
    Auto,

    /// <summary>The canonical CSV: a header with at least <c>customer_id,date,amount</c>.</summary>
    Csv,

    /// <summary>
    /// The CDNOW text files, whitespace separated: master <c>id yyyymmdd cds value</c>,
    /// sample <c>masterid sampleid yyyymmdd cds value</c>; an optional header line.
    /// </summary>
    Cdnow,
}
