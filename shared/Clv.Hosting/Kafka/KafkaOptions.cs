using Confluent.Kafka;

namespace Clv.Hosting.Kafka;

/// <summary>
/// How services reach Kafka. Section <c>Kafka</c> of appsettings, or environment variables such as
/// <c>Kafka__BootstrapServers</c>, <c>Kafka__SaslPassword</c>.
/// </summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    public string BootstrapServers { get; set; } = "localhost:9092";

    public SecurityProtocol SecurityProtocol { get; set; } = SecurityProtocol.Plaintext;

    /// <summary>Used when <see cref="SecurityProtocol"/> is SaslPlaintext or SaslSsl.</summary>
    public SaslMechanism SaslMechanism { get; set; } = SaslMechanism.ScramSha512;

    public string? SaslUsername { get; set; }

    /// <summary>Secret: never logged, redacted by <see cref="ToString"/>.</summary>
    public string? SaslPassword { get; set; }

    /// <summary>PEM file of the CA that signed the brokers' certificates (TLS).</summary>
    public string? SslCaLocation { get; set; }

    /// <summary>Client certificate for mutual TLS.</summary>
    public string? SslCertificateLocation { get; set; }

    /// <summary>Private key of the client certificate.</summary>
    public string? SslKeyLocation { get; set; }

    /// <summary>Secret: password of the private key, if it is encrypted.</summary>
    public string? SslKeyPassword { get; set; }

    /// <summary>
    /// A member silent this long is removed from its group. Shorter than Kafka's 45 s default so a
    /// crashed replica's partitions move on quickly (and so joins against the mock cluster do not stall).
    /// </summary>
    public int SessionTimeoutMs { get; set; } = 10_000;

    /// <summary>Longest pause between two polls before the member is considered stuck and leaves.</summary>
    public int MaxPollIntervalMs { get; set; } = 60_000;

    /// <summary>How long a producer waits to batch messages; small, the latency target is p99 5 ms.</summary>
    public int LingerMs { get; set; } = 2;

    /// <summary>
    /// Longest a broker may hold a consumer's fetch while fewer than fetch.min.bytes (1) are ready; librdkafka's
    /// default. A real broker answers as soon as data arrives; librdkafka's mock broker holds every fetch for the
    /// full wait, so latency measured through it needs a short one.
    /// </summary>
    public int FetchWaitMaxMs { get; set; } = 500;

    /// <summary>
    /// Codec of produced batches. Lz4 by measurement (<c>clv bench kafka</c>, the same transactions with each
    /// codec): a fifth to a quarter of the uncompressed bytes on the wire, and less producer and consumer CPU than
    /// none (fewer bytes to copy); Zstd packed to an eighth for about the same CPU. The broker keeps batches as
    /// produced, so this also sizes the topics' storage.
    /// </summary>
    public CompressionType Compression { get; set; } = CompressionType.Lz4;

    /// <summary>librdkafka debug contexts (e.g. <c>consumer,cgrp</c>), logged through ILogger; empty = none.</summary>
    public string? Debug { get; set; }

    /// <summary>Copies the connection and security settings onto a librdkafka client configuration.</summary>
    public void ApplyTo(ClientConfig config)
    {
        config.BootstrapServers = BootstrapServers;
        config.SecurityProtocol = SecurityProtocol;
        if (!string.IsNullOrWhiteSpace(Debug))
        {
            config.Debug = Debug;
        }
        if (SecurityProtocol is SecurityProtocol.SaslPlaintext or SecurityProtocol.SaslSsl)
        {
            config.SaslMechanism = SaslMechanism;
            config.SaslUsername = SaslUsername;
            config.SaslPassword = SaslPassword;
        }
        if (SecurityProtocol is SecurityProtocol.Ssl or SecurityProtocol.SaslSsl)
        {
            config.SslCaLocation = SslCaLocation;
            config.SslCertificateLocation = SslCertificateLocation;
            config.SslKeyLocation = SslKeyLocation;
            config.SslKeyPassword = SslKeyPassword;
        }
    }

    public override string ToString() =>
        $"Kafka {{ BootstrapServers = {BootstrapServers}, SecurityProtocol = {SecurityProtocol}, SaslMechanism = {SaslMechanism}, " +
        $"SaslUsername = {SaslUsername}, SaslPassword = {Secret.Redact(SaslPassword)}, SslCaLocation = {SslCaLocation}, " +
        $"SslCertificateLocation = {SslCertificateLocation}, SslKeyLocation = {SslKeyLocation}, SslKeyPassword = {Secret.Redact(SslKeyPassword)}, " +
        $"SessionTimeoutMs = {SessionTimeoutMs}, MaxPollIntervalMs = {MaxPollIntervalMs}, LingerMs = {LingerMs}, FetchWaitMaxMs = {FetchWaitMaxMs}, Compression = {Compression}, Debug = {Debug} }}";
}
