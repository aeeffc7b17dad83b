namespace Clv.Contracts;

/// <summary>Kafka topic names of the data plane; every topic is keyed by customer id.</summary>
public static class Topics
{
    public const string Transactions = "transactions";
    public const string DeadLetter = "transactions.dlq";
    public const string Sequenced = "transactions.sequenced";
    public const string ClvUpdates = "clv-updates";
    public const string ChurnAlerts = "churn-alerts";
}
