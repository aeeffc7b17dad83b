using Clv.TestInfrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Clv.Hosting.Tests;

[Collection(nameof(RabbitMqCollection))]
public sealed class ClvBusTests(RabbitMqFixture rabbit)
{
    private static readonly TimeSpan DeliveryLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AddClvBus_WithRabbitMqUri_DeliversAPublishedMessageThroughRabbitMq()
    {
        using var host = BuildHost(rabbit.Uri.ToString());
        await host.StartAsync();

        var (sent, received) = await PublishAndReceiveAsync(host);

        Assert.Equal(("rabbitmq", sent), (host.Services.GetRequiredService<IBus>().Address.Scheme, received));
        await host.StopAsync();
    }

    [Fact]
    public async Task AddClvBus_WithoutUri_DeliversInMemory()
    {
        using var host = BuildHost(null);
        await host.StartAsync();

        var (sent, received) = await PublishAndReceiveAsync(host);

        Assert.Equal(("loopback", sent), (host.Services.GetRequiredService<IBus>().Address.Scheme, received));
        await host.StopAsync();
    }

    private static IHost BuildHost(string? rabbitUri)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["RabbitMq:Uri"] = rabbitUri;
        builder.Services.AddSingleton<BusPingInbox>();
        builder.Services.AddClvBus(builder.Configuration, bus => bus.AddConsumer<BusPingConsumer>());
        return builder.Build();
    }

    private static async Task<(BusPing Sent, BusPing Received)> PublishAndReceiveAsync(IHost host)
    {
        var sent = new BusPing(Guid.NewGuid());
        await host.Services.GetRequiredService<IBus>().Publish(sent);
        return (sent, await host.Services.GetRequiredService<BusPingInbox>().First.WaitAsync(DeliveryLimit));
    }
}
