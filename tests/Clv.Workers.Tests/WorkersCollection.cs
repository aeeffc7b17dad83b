using Clv.TestInfrastructure;

namespace Clv.Workers.Tests;

/// <summary>One Kafka-protocol broker and one redis-server for every worker test; scenarios isolate themselves by topic names, groups and Redis database.</summary>
[CollectionDefinition(nameof(WorkersCollection))]
public sealed class WorkersCollection : ICollectionFixture<KafkaFixture>, ICollectionFixture<RedisFixture>;
