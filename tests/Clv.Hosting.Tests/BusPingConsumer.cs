using MassTransit;

namespace Clv.Hosting.Tests;

/// <summary>Completes <see cref="BusPingInbox"/> with every ping it receives.</summary>
public sealed class BusPingConsumer(BusPingInbox inbox) : IConsumer<BusPing>
{
    public Task Consume(ConsumeContext<BusPing> context)
    {
        inbox.Received(context.Message);
        return Task.CompletedTask;
    }
}
