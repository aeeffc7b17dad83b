using Clv.TestInfrastructure;

namespace Clv.Cli.Tests;

[CollectionDefinition(nameof(KafkaCollection))]
public sealed class KafkaCollection : ICollectionFixture<KafkaFixture>;
