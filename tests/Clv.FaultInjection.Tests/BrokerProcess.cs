using Clv.TestInfrastructure;

namespace Clv.FaultInjection.Tests;

/// <summary>The Kafka-protocol broker (Clv.FaultInjection.Broker: librdkafka's mock cluster) as a process of its own, with the topics created.</summary>
public sealed class BrokerProcess : IDisposable
{
    private readonly LocalServerProcess _process;

    private BrokerProcess(LocalServerProcess process, string bootstrapServers)
    {
        _process = process;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    public static async Task<BrokerProcess> StartAsync(int partitions, IEnumerable<string> topics)
    {
        var process = LocalServerProcess.Start("dotnet", [BuiltProgram.Dll("tests/Clv.FaultInjection.Broker"), partitions.ToString(), .. topics]);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            // Its first line is the bootstrap address.
            var first = process.OutputTail.Split(Environment.NewLine)[0];
            if (first.Contains(':'))
            {
                return new BrokerProcess(process, first.Trim());
            }

            await Task.Delay(50);
        }

        var failure = process.Failure("the broker printed no bootstrap address");
        process.Dispose();
        throw failure;
    }

    public void Dispose() => _process.Dispose();
}
