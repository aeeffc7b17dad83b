using Clv.Development.Kafka;
using Clv.FaultInjection.Broker;
using Clv.Hosting.Kafka;

// A Kafka-protocol broker in a process of its own, for the fault-injection suite (Debian's kcat has no -M):
// librdkafka's mock cluster. Usage: Clv.FaultInjection.Broker PARTITIONS TOPIC... ; creates the topics, prints
// the bootstrap address as its first line, and serves until stdin closes or the process is killed.
var request = BrokerRequest.Parse(args);
using var cluster = MockKafkaCluster.Start();
foreach (var topic in request.Topics)
{
    cluster.CreateTopic(topic, request.Partitions);
}

Console.WriteLine(cluster.BootstrapServers);
Console.Out.Flush();
while (Console.ReadLine() is not null)
{
}
