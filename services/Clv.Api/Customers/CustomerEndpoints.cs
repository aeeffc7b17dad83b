using Microsoft.AspNetCore.Http.HttpResults;

namespace Clv.Api.Customers;

/// <summary><c>/v1/customers</c>: one customer's latest score, many at once, and the scores over its window.</summary>
public static class CustomerEndpoints
{
    public static RouteGroupBuilder MapCustomerEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/customers/{id}", GetAsync).WithName("GetCustomer").WithSummary("The customer's latest churn probability, spend and CLV");
        v1.MapPost("/customers:batchGet", BatchGetAsync).WithName("BatchGetCustomers").WithSummary($"Latest scores of up to {ApiOptions.MaxBatchIds} customers in one Redis round trip");
        v1.MapGet("/customers/{id}/history", HistoryAsync).WithName("GetCustomerHistory").WithSummary("Scores after each event still in the customer's window");
        return v1;
    }

    private static async Task<Results<Ok<CustomerScore>, ProblemHttpResult>> GetAsync(string id, CustomerScoreReader reader)
    {
        if (CustomerIds.Problem(id) is { } problem)
        {
            return InvalidId(problem);
        }

        return await reader.GetAsync(id) is { } score ? TypedResults.Ok(score) : UnknownCustomer(id);
    }

    private static async Task<Results<Ok<BatchGetResponse>, ProblemHttpResult>> BatchGetAsync(BatchGetRequest request, CustomerScoreReader reader)
    {
        var ids = request.Ids;
        if (ids is null || ids.Count == 0 || ids.Count > ApiOptions.MaxBatchIds)
        {
            return TypedResults.Problem($"ids must hold 1 to {ApiOptions.MaxBatchIds} customer ids; it holds {ids?.Count ?? 0}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid batch");
        }

        for (var i = 0; i < ids.Count; i++)
        {
            if (CustomerIds.Problem(ids[i]) is { } problem)
            {
                return InvalidId($"ids[{i}]: {problem}");
            }
        }

        var scores = await reader.GetManyAsync(ids);
        var found = new List<CustomerScore>(ids.Count);
        var missing = new List<string>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (scores[i] is { } score)
            {
                found.Add(score);
            }
            else
            {
                missing.Add(ids[i]);
            }
        }

        return TypedResults.Ok(new BatchGetResponse(found, missing));
    }

    private static async Task<Results<Ok<ScoreHistory>, ProblemHttpResult>> HistoryAsync(string id, ScoreHistoryReader reader)
    {
        if (CustomerIds.Problem(id) is { } problem)
        {
            return InvalidId(problem);
        }

        try
        {
            return await reader.GetAsync(id) is { } history ? TypedResults.Ok(history) : UnknownCustomer(id);
        }
        catch (InvalidOperationException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "No model");
        }
    }

    private static ProblemHttpResult InvalidId(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid customer id");

    private static ProblemHttpResult UnknownCustomer(string id) =>
        TypedResults.Problem($"no score for customer '{id}'", statusCode: StatusCodes.Status404NotFound, title: "Unknown customer");
}
