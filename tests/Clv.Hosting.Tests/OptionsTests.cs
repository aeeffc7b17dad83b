using Clv.Hosting.Bus;
using Clv.Hosting.Kafka;
using Clv.Hosting.Redis;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Clv.Hosting.Tests;

public sealed class OptionsTests
{
    private const string Password = "s3cr3t-Pa55";

    [Fact]
    public void AddClvDefaults_BindsEveryOptionFromDoubleUnderscoreEnvironmentVariables()
    {
        var prefix = $"CLVTEST{Guid.NewGuid():N}_";
        var variables = new Dictionary<string, string>
        {
            ["Kafka__BootstrapServers"] = "k1:9093,k2:9093",
            ["Kafka__SecurityProtocol"] = "SaslSsl",
            ["Kafka__SaslMechanism"] = "ScramSha256",
            ["Kafka__SaslUsername"] = "scorer",
            ["Kafka__SaslPassword"] = Password,
            ["Kafka__SslCaLocation"] = "/etc/ca.pem",
            ["Redis__ConnectionString"] = "redis:6380",
            ["Redis__Password"] = Password,
            ["Redis__UseTls"] = "true",
            ["Redis__UseThreadPool"] = "true",
            ["RabbitMq__Uri"] = $"amqps://clv:{Password}@rabbit:5671/clv",
        };
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(prefix + name, value);
        }
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddEnvironmentVariables(prefix);
            builder.AddClvDefaults();
            using var host = builder.Build();

            var kafka = host.Services.GetRequiredService<IOptions<KafkaOptions>>().Value;
            var redis = host.Services.GetRequiredService<IOptions<RedisOptions>>().Value;
            var rabbit = host.Services.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
            Assert.Equal(
                ("k1:9093,k2:9093", SecurityProtocol.SaslSsl, SaslMechanism.ScramSha256, "scorer", Password, "/etc/ca.pem", "redis:6380", Password, true, true, variables["RabbitMq__Uri"]),
                (kafka.BootstrapServers, kafka.SecurityProtocol, kafka.SaslMechanism, kafka.SaslUsername, kafka.SaslPassword, kafka.SslCaLocation, redis.ConnectionString, redis.Password, redis.UseTls, redis.UseThreadPool, rabbit.Uri));
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(prefix + name, null);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RedisOptions_UseThreadPool_PicksStackExchangeRedisThreadPoolSocketManager(bool useThreadPool)
    {
        var options = new RedisOptions { ConnectionString = "redis:6379", UseThreadPool = useThreadPool }.ToConfigurationOptions();

        Assert.Equal(useThreadPool, ReferenceEquals(SocketManager.ThreadPool, options.SocketManager));
    }

    [Fact]
    public void KafkaClientConfig_CarriesSaslAndTlsSettingsToLibrdkafka()
    {
        var options = new KafkaOptions
        {
            BootstrapServers = "k:9093",
            SecurityProtocol = SecurityProtocol.SaslSsl,
            SaslMechanism = SaslMechanism.Plain,
            SaslUsername = "u",
            SaslPassword = Password,
            SslCaLocation = "/ca.pem",
        };
        var factory = new KafkaClientFactory(Options.Create(options), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        var config = factory.ConsumerConfig("g", "c");

        Assert.Equal(
            ("k:9093", SecurityProtocol.SaslSsl, SaslMechanism.Plain, "u", Password, "/ca.pem", false, true),
            (config.BootstrapServers, config.SecurityProtocol, config.SaslMechanism, config.SaslUsername, config.SaslPassword, config.SslCaLocation, config.EnableAutoOffsetStore, config.EnableAutoCommit));
    }

    [Theory]
    [InlineData(null, 500)]
    [InlineData("10", 10)]
    public void ConsumerConfig_HoldsFetchesForTheConfiguredWait_LibrdkafkasDefaultWhenUnset(string? configured, int expected)
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(configured is null ? [] : new Dictionary<string, string?> { ["Kafka:FetchWaitMaxMs"] = configured })
            .Build();
        var options = settings.GetSection(KafkaOptions.Section).Get<KafkaOptions>() ?? new KafkaOptions();
        var factory = new KafkaClientFactory(Options.Create(options), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        Assert.Equal(expected, factory.ConsumerConfig("g", "c").FetchWaitMaxMs);
    }

    [Fact]
    public void ProducerConfig_IsIdempotentWithAcksAll()
    {
        var factory = new KafkaClientFactory(Options.Create(new KafkaOptions()), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        var config = factory.ProducerConfig("p");

        Assert.Equal((true, Acks.All), (config.EnableIdempotence, config.Acks));
    }

    [Theory]
    [InlineData(null, CompressionType.Lz4)]
    [InlineData("Zstd", CompressionType.Zstd)]
    [InlineData("None", CompressionType.None)]
    public void ProducerConfig_CompressesWithTheConfiguredCodec_Lz4WhenUnset(string? configured, CompressionType expected)
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(configured is null ? [] : new Dictionary<string, string?> { ["Kafka:Compression"] = configured })
            .Build();
        var options = settings.GetSection(KafkaOptions.Section).Get<KafkaOptions>() ?? new KafkaOptions();
        var factory = new KafkaClientFactory(Options.Create(options), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        Assert.Equal(expected, factory.ProducerConfig("p").CompressionType);
    }

    [Fact]
    public void KafkaOptionsToString_HidesSaslAndKeyPasswords()
    {
        var text = new KafkaOptions { SaslUsername = "scorer", SaslPassword = Password, SslKeyPassword = Password + "2" }.ToString();

        Assert.DoesNotContain(Password, text);
        Assert.Contains("scorer", text);
    }

    [Theory]
    [InlineData("redis:6379", Password)]
    [InlineData("redis:6379,password=" + Password, null)]
    public void RedisOptionsToString_HidesThePasswordWhereverItIsGiven(string connectionString, string? password)
    {
        var text = new RedisOptions { ConnectionString = connectionString, Password = password }.ToString();

        Assert.DoesNotContain(Password, text);
        Assert.Contains("redis:6379", text);
    }

    [Theory]
    [InlineData("amqp://clv:" + Password + "@rabbit:5672/clv")]
    [InlineData("not a uri but " + Password)]
    public void RabbitMqOptionsToString_HidesThePasswordInTheUri(string uri)
    {
        var text = new RabbitMqOptions { Uri = uri }.ToString();

        Assert.DoesNotContain(Password, text);
    }

    [Fact]
    public void RabbitMqOptionsToString_KeepsUserHostAndVirtualHost()
    {
        var text = new RabbitMqOptions { Uri = $"amqp://clv:{Password}@rabbit:5672/clv" }.ToString();

        Assert.Contains("amqp://clv:***@rabbit:5672/clv", text);
    }
}
