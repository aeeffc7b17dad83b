using Clv.TestInfrastructure;

namespace Clv.Hosting.Tests;

[CollectionDefinition(nameof(RedisCollection))]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>;
