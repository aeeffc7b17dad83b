namespace Clv.Api.Customers;

/// <summary>The scores found (in the order asked) and the ids that have none.</summary>
public sealed record BatchGetResponse(IReadOnlyList<CustomerScore> Customers, IReadOnlyList<string> NotFound);
