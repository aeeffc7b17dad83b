using StackExchange.Redis;

namespace Clv.Hosting.Redis;

/// <summary>
/// How services reach Redis. Section <c>Redis</c>, or <c>Redis__ConnectionString</c>,
/// <c>Redis__Password</c>, <c>Redis__UseTls</c>. An empty connection string means the service does
/// not use Redis: no connection and no health check are registered.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. <c>redis:6379</c> or <c>a:6379,b:6379</c>.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Secret, kept apart from the connection string so it can come from a secret store.</summary>
    public string? Password { get; set; }

    public bool UseTls { get; set; }

    /// <summary>
    /// Reads replies on the .NET thread pool instead of StackExchange.Redis's own dedicated threads, one thread
    /// hand-off less per command. The API service turns it on (<c>UseThreadPoolForRedis</c>); the other services keep
    /// the library's default, dedicated threads that a starved thread pool cannot hold up.
    /// </summary>
    public bool UseThreadPool { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);

    public ConfigurationOptions ToConfigurationOptions()
    {
        var options = ConfigurationOptions.Parse(ConnectionString);
        if (!string.IsNullOrEmpty(Password))
        {
            options.Password = Password;
        }
        if (UseTls)
        {
            options.Ssl = true;
        }
        // A service starts before Redis answers (compose, Kubernetes): keep retrying instead of failing.
        options.AbortOnConnectFail = false;
        if (UseThreadPool)
        {
            options.SocketManager = SocketManager.ThreadPool;
        }
        return options;
    }

    public override string ToString() =>
        $"Redis {{ ConnectionString = {(IsConfigured ? ConfigurationOptions.Parse(ConnectionString).ToString(includePassword: false) : "(none)")}, " +
        $"Password = {Secret.Redact(Password)}, UseTls = {UseTls}, UseThreadPool = {UseThreadPool} }}";
}
