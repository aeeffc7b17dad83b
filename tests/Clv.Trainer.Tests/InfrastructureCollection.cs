using Clv.TestInfrastructure;

namespace Clv.Trainer.Tests;

/// <summary>One redis-server, one rabbitmq-server and one Kafka-protocol broker for every test class of this project.</summary>
[CollectionDefinition(nameof(InfrastructureCollection))]
public sealed class InfrastructureCollection : ICollectionFixture<RedisFixture>, ICollectionFixture<RabbitMqFixture>, ICollectionFixture<KafkaFixture>;
