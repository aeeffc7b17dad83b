namespace Clv.Deploy.Tests;

/// <summary>
/// Production images carry what runs there and nothing else: no development infrastructure (mock broker, embedded
/// Garnet, load harness) in any service, and no training stack (ML.NET, ScottPlot) on the scoring path.
/// </summary>
public sealed class ServiceDependencyTests
{
    // Every folder under services/ is a production service except these two development tools.
    private static readonly string[] DevelopmentTools = ["Clv.Standalone", "Clv.Cli"];

    // Services on the event path: they score or serve, they never train (the trainer is the one that does).
    private static readonly string[] ScoringPath = ["Clv.Sequencer", "Clv.Scorer", "Clv.Api"];

    public static TheoryData<string> ProductionServices() => new(Services());

    public static TheoryData<string> ScoringPathServices() => new(Services().Where(ScoringPath.Contains));

    private static IEnumerable<string> Services() =>
        Directory.GetDirectories(RepositoryRoot.Combine("services"))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !DevelopmentTools.Contains(name) && File.Exists(RepositoryRoot.Combine($"services/{name}/{name}.csproj")))
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(ProductionServices))]
    public void ProductionService_DoesNotReferenceDevelopmentInfrastructure(string service)
    {
        var offending = DependencyClosure.Of($"services/{service}")
            .Where(name => name is "Clv.Development" || name.StartsWith("Microsoft.Garnet", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.True(offending.Count == 0, $"{service} depends on development infrastructure: {string.Join(", ", offending)}");
    }

    [Theory]
    [MemberData(nameof(ScoringPathServices))]
    public void ScoringPathService_DoesNotReferenceTrainingStack(string service)
    {
        var offending = DependencyClosure.Of($"services/{service}")
            .Where(name => name is "Clv.Training"
                || name.StartsWith("Microsoft.ML", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("ScottPlot", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.True(offending.Count == 0, $"{service} depends on the training stack: {string.Join(", ", offending)}");
    }

    [Fact]
    public void ServiceDiscovery_FindsTheDeployedServices()
    {
        Assert.Superset(new HashSet<string> { "Clv.Sequencer", "Clv.Scorer", "Clv.Trainer" }, Services().ToHashSet());
    }
}
