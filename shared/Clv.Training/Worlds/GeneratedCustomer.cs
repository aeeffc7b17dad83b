namespace Clv.Training.Worlds;

/// <summary>
/// One generated customer with the latent quantities the data hide: the purchase rate λ per week
/// (before season and regime), the dropout probability p, whether a wholesale buyer, and the time of
/// the purchase after which the customer dropped out (null: alive at the end).
/// </summary>
public sealed record GeneratedCustomer(
    string Id,
    double Rate,
    double DropoutProbability,
    bool IsWholesale,
    double? DroppedOutAtWeeks,
    IReadOnlyList<GeneratedPurchase> Purchases)
{
    public double FirstPurchaseWeeks => Purchases[0].Weeks;
}
