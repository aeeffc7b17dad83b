namespace Clv.Hosting.Bus;

/// <summary>
/// Where the control-plane bus runs. Section <c>RabbitMq</c>, or <c>RabbitMq__Uri</c>
/// (<c>amqp://user:password@host:5672/vhost</c>, <c>amqps://</c> for TLS). Empty: MassTransit's
/// in-memory transport, for a single process such as Clv.Standalone.
/// </summary>
public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    /// <summary>Secret inside: the URI's user info carries the password.</summary>
    public string? Uri { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Uri);

    public override string ToString() => $"RabbitMq {{ Uri = {RedactedUri()} }}";

    private string RedactedUri()
    {
        if (!IsConfigured)
        {
            return "(in-memory transport)";
        }
        if (!System.Uri.TryCreate(Uri, UriKind.Absolute, out var uri))
        {
            return "(unparsable URI)"; // it may still hold a password: show nothing of it
        }
        var user = uri.UserInfo.Split(':', 2)[0];
        var builder = new UriBuilder(uri) { UserName = user, Password = uri.UserInfo.Contains(':') ? Secret.Mask : string.Empty };
        return builder.Uri.ToString();
    }
}
