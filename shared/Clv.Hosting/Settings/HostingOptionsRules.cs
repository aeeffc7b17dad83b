using Clv.Hosting.Bus;
using Clv.Hosting.Kafka;
using Clv.Hosting.Redis;
using StackExchange.Redis;

namespace Clv.Hosting.Settings;

/// <summary>What makes the shared Kafka, Redis and RabbitMQ settings unusable, checked at start-up; each message names the setting.</summary>
public static class HostingOptionsRules
{
    public static IEnumerable<string> Problems(KafkaOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            yield return "Kafka:BootstrapServers must name at least one broker (host:port)";
        }

        if (options.FetchWaitMaxMs is < 0 or > 300_000)
        {
            yield return $"Kafka:FetchWaitMaxMs ({options.FetchWaitMaxMs}) must be between 0 and 300000";
        }

        if (options.SessionTimeoutMs < 1 || options.MaxPollIntervalMs < options.SessionTimeoutMs || options.LingerMs < 0)
        {
            yield return $"Kafka:SessionTimeoutMs ({options.SessionTimeoutMs}) must be positive, Kafka:MaxPollIntervalMs ({options.MaxPollIntervalMs}) at least as large, Kafka:LingerMs ({options.LingerMs}) not negative";
        }
    }

    public static IEnumerable<string> Problems(RedisOptions options)
    {
        if (!options.IsConfigured)
        {
            // No Redis is a valid choice (the service does not use it); a service that needs it says so itself.
            yield break;
        }

        if (ParseError(options.ConnectionString) is { } error)
        {
            yield return $"Redis:ConnectionString is not a StackExchange.Redis configuration string (host:port[,host:port][,option=value]): {error}";
            yield break;
        }

        var parsed = ConfigurationOptions.Parse(options.ConnectionString);
        if (parsed.EndPoints.Count == 0)
        {
            yield return "Redis:ConnectionString must name at least one server (host:port)";
        }

        if (!string.IsNullOrEmpty(options.Password) && !string.IsNullOrEmpty(parsed.Password))
        {
            yield return "Redis:Password and a password= in Redis:ConnectionString are both set: keep one (Redis:Password, from a secret store)";
        }
    }

    // The parser's messages name the keyword, never its value: they cannot leak the password.
    private static string? ParseError(string connectionString)
    {
        try
        {
            ConfigurationOptions.Parse(connectionString);
            return null;
        }
        catch (ArgumentException error)
        {
            return error.Message;
        }
    }

    public static IEnumerable<string> Problems(RabbitMqOptions options)
    {
        if (options.IsConfigured && !(System.Uri.TryCreate(options.Uri, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps"))
        {
            // The URI holds the password: the message names the setting only.
            yield return "RabbitMq:Uri must be an absolute amqp:// or amqps:// URI";
        }
    }
}
