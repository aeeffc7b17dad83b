using Clv.TestInfrastructure;

namespace Clv.Hosting.Tests;

[CollectionDefinition(nameof(KafkaCollection))]
public sealed class KafkaCollection : ICollectionFixture<KafkaFixture>;
