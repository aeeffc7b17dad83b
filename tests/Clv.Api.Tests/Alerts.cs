namespace Clv.Api.Tests;

/// <summary>ChurnAlert v2 messages as the alerts contract gives them, plus a field no version defines (readers must ignore it).</summary>
public static class Alerts
{
    public static string Json(string customerId, string severity, DateTimeOffset asOf, double clvAtRisk = 120.5) =>
        $$"""
        {"customer_id":"{{customerId}}","as_of":"{{asOf.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}","seq_no":3,"cause":"level_crossing",
         "churn_before":0.62,"churn_after":0.86,"threshold":0.8,"horizon_days":273,"days_since_last_purchase":40,"clv":140.25,
         "clv_at_risk":{{clvAtRisk}},"severity":"{{severity}}","model_version":"v7","episode_id":"{{customerId}}-1","trigger":"event",
         "schema_version":2,"added_in_a_later_version":{"x":1} }
        """.ReplaceLineEndings(" ");
}
