using Clv.TestInfrastructure;

namespace Clv.Hosting.Tests;

[CollectionDefinition(nameof(RabbitMqCollection))]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqFixture>;
