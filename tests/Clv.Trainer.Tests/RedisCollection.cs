using Clv.TestInfrastructure;

namespace Clv.Trainer.Tests;

[CollectionDefinition(nameof(RedisCollection))]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>;
