using Clv.TestInfrastructure;
using RabbitMQ.Client;

namespace Clv.Hosting.Tests;

[Collection(nameof(RabbitMqCollection))]
public sealed class RabbitMqFixtureTests(RabbitMqFixture rabbit)
{
    [Fact]
    public async Task Connect_OpensAnAmqpConnection()
    {
        await using var connection = await new ConnectionFactory { Uri = rabbit.Uri }.CreateConnectionAsync();
        Assert.True(connection.IsOpen);
    }
}
