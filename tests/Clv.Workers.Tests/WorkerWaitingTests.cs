using Clv.ModelLifecycle;
using Clv.TestInfrastructure;
using Clv.Workers.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Clv.Workers.Tests;

/// <summary>Workers wait instead of crashing, and readiness says what they wait for (issue 11, findings 4 and 7).</summary>
[Collection(nameof(WorkersCollection))]
public sealed class WorkerWaitingTests(KafkaFixture kafka, RedisFixture redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AScorerWithoutAModel_ConsumesNothing_AndScoresEverythingOnceOneIsActivated(bool fused)
    {
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 2);
        await scenario.CreateTopicsAsync();
        var events = TestEvents.Generate(scenario.Prefix, customers: 4, maxEvents: 3, seed: 8);
        var model = new ActiveModel();
        var host = await scenario.StartAsync(fused, model);
        await scenario.ProduceAsync(events);

        var waiting = await WaitForReadinessAsync(host, description => description.Contains("waiting for a model", StringComparison.Ordinal));
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        model.Swap(TestModels.Create());
        using var updates = scenario.Reader(scenario.UpdatesTopic);
        await updates.ReadUntilAsync(m => ScoreOracle.DistinctCount(m) >= events.Count, Timeout, "updates once the model is active");

        Assert.Equal(HealthStatus.Unhealthy, waiting.Status);
        Assert.False(stopping.IsCancellationRequested, "the host stopped");
    }

    [Fact]
    public async Task AWorkerWhoseBatchesKeepFailing_IsNotReady_AndSaysWhy()
    {
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 1);
        await scenario.CreateTopicsAsync();
        // A Redis that is not there: every batch fails retriably, forever.
        var unreachable = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{FreeTcpPort.Next()},abortConnect=false,connectTimeout=200,asyncTimeout=500");
        var host = await scenario.StartAsync(fused: true, new ActiveModel(TestModels.Create()), redis: unreachable);
        await scenario.ProduceAsync(TestEvents.Generate(scenario.Prefix, customers: 1, maxEvents: 1, seed: 9));

        var stuck = await WaitForReadinessAsync(host, description => description.Contains("keeps failing", StringComparison.Ordinal));

        Assert.Equal(HealthStatus.Unhealthy, stuck.Status);
        await scenario.StopAsync(host);
        await unreachable.DisposeAsync();
    }

    [Fact]
    public async Task ASequencerStartedBeforeItsTopicExists_WaitsForIt()
    {
        await using var scenario = new PipelineScenario(kafka, redis.ConnectionString, partitions: 1);
        var events = TestEvents.Generate(scenario.Prefix, customers: 2, maxEvents: 2, seed: 10);
        var host = await scenario.StartAsync(fused: true, new ActiveModel(TestModels.Create()));
        var waiting = await WaitForReadinessAsync(host, description => description.Contains($"waiting for topic {scenario.TransactionsTopic}", StringComparison.Ordinal));
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        await scenario.CreateTopicsAsync();
        await scenario.ProduceAsync(events);
        using var updates = scenario.Reader(scenario.UpdatesTopic);
        await updates.ReadUntilAsync(m => ScoreOracle.DistinctCount(m) >= events.Count, Timeout, "updates once the topic exists");

        Assert.Equal(HealthStatus.Unhealthy, waiting.Status);
        Assert.False(stopping.IsCancellationRequested, "the host stopped");
    }

    private static async Task<HealthCheckResult> WaitForReadinessAsync(IHost host, Func<string, bool> describes)
    {
        var check = host.Services.GetRequiredService<WorkersReadinessCheck>();
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var result = await check.CheckHealthAsync(new HealthCheckContext());
            if (describes(result.Description ?? "") || DateTime.UtcNow > deadline)
            {
                Assert.True(describes(result.Description ?? ""), $"readiness said: {result.Status} {result.Description}");
                return result;
            }

            await Task.Delay(100);
        }
    }
}
