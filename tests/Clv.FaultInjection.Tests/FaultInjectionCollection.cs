using Clv.TestInfrastructure;

namespace Clv.FaultInjection.Tests;

/// <summary>One rabbitmq-server for the suite; each test starts its own broker, redis-server and services (its processes own the machine while it runs).</summary>
[CollectionDefinition(nameof(FaultInjectionCollection))]
public sealed class FaultInjectionCollection : ICollectionFixture<RabbitMqFixture>;
