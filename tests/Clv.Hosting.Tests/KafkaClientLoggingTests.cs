using Clv.Development.Kafka;
using Clv.Hosting.Kafka;
using Clv.TestInfrastructure;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clv.Hosting.Tests;

public sealed class KafkaClientLoggingTests
{
    private const string Password = "kafka-s3cr3t-Pa55";

    [Fact]
    public void ProducerWithSasl_AtFullDebug_LogsItsConfigurationWithoutThePassword()
    {
        using var cluster = MockKafkaCluster.Start();
        var logs = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var options = new KafkaOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            SecurityProtocol = SecurityProtocol.SaslPlaintext,
            SaslMechanism = SaslMechanism.Plain,
            SaslUsername = "scorer",
            SaslPassword = Password,
            Debug = "all",
        };

        using (var producer = new KafkaClientFactory(Options.Create(options), loggerFactory).CreateProducer("secret-check"))
        {
            producer.Produce("t", new Message<string, byte[]> { Key = "c", Value = [1] });
            producer.Flush(TimeSpan.FromSeconds(2));
        }

        // librdkafka's configuration dump reaches our logs, password setting included (redacted).
        Assert.Contains(logs.Lines, line => line.Contains("sasl.password", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Password, StringComparison.Ordinal));
    }
}
