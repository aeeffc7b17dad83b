using Clv.TestInfrastructure;

namespace Clv.Trainer.Tests;

/// <summary>One redis-server and one rabbitmq-server for every test class of this project.</summary>
[CollectionDefinition(nameof(InfrastructureCollection))]
public sealed class InfrastructureCollection : ICollectionFixture<RedisFixture>, ICollectionFixture<RabbitMqFixture>;
