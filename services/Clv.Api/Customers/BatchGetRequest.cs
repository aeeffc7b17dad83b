namespace Clv.Api.Customers;

/// <summary>The body of <c>POST /v1/customers:batchGet</c>.</summary>
public sealed record BatchGetRequest(IReadOnlyList<string>? Ids);
