using Clv.TestInfrastructure;

namespace Clv.Workers.Tests.KeySpace;

/// <summary>A one-node redis-server in cluster mode: multi-key scripts fail there unless all their keys share a slot.</summary>
[CollectionDefinition(nameof(RedisClusterCollection))]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>;
