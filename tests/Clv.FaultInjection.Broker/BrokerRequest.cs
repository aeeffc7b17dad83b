namespace Clv.FaultInjection.Broker;

/// <summary>The broker's command line: a partition count, then the topics to create with it.</summary>
public sealed record BrokerRequest(int Partitions, IReadOnlyList<string> Topics)
{
    public static BrokerRequest Parse(string[] args)
    {
        if (args.Length < 2 || !int.TryParse(args[0], out var partitions) || partitions < 1)
        {
            throw new ArgumentException("usage: Clv.FaultInjection.Broker PARTITIONS TOPIC... (PARTITIONS a positive integer, at least one topic)");
        }

        return new BrokerRequest(partitions, args[1..]);
    }
}
