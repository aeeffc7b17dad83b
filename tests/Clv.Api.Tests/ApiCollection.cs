using Clv.TestInfrastructure;

namespace Clv.Api.Tests;

/// <summary>One Kafka-protocol broker and one redis-server for every API test; scenarios isolate themselves by topic names, groups and Redis database.</summary>
[CollectionDefinition(nameof(ApiCollection))]
public sealed class ApiCollection : ICollectionFixture<KafkaFixture>, ICollectionFixture<RedisFixture>;
