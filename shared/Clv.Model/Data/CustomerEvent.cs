namespace Clv.Model.Data;

/// <summary>
/// One event of a customer's history as the model sees it. Amount is the absolute value;
/// a refund is flagged rather than signed so the amount feature stays a log of a magnitude.
/// </summary>
public readonly record struct CustomerEvent(
    DateTime Time,
    double Amount,
    bool IsRefund,
    string? Category = null,
    string? Channel = null);
