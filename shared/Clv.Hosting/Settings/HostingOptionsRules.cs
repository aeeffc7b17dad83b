using Clv.Hosting.Bus;
using Clv.Hosting.Kafka;

namespace Clv.Hosting.Settings;

/// <summary>What makes the shared Kafka and RabbitMQ settings unusable, checked at start-up; each message names the setting.</summary>
public static class HostingOptionsRules
{
    public static IEnumerable<string> Problems(KafkaOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            yield return "Kafka:BootstrapServers must name at least one broker (host:port)";
        }

        if (options.SessionTimeoutMs < 1 || options.MaxPollIntervalMs < options.SessionTimeoutMs || options.LingerMs < 0)
        {
            yield return $"Kafka:SessionTimeoutMs ({options.SessionTimeoutMs}) must be positive, Kafka:MaxPollIntervalMs ({options.MaxPollIntervalMs}) at least as large, Kafka:LingerMs ({options.LingerMs}) not negative";
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
