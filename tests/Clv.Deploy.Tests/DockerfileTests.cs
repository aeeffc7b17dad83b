namespace Clv.Deploy.Tests;

/// <summary>
/// The service images, read as text (no Docker engine here to build them): multi-stage, small
/// non-root runtime, every copied path present in the build context, health on the probed port.
/// </summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Projects => Dockerfiles.Projects;

    public static TheoryData<string> HttpProjects => Dockerfiles.HttpProjects;

    [Theory]
    [MemberData(nameof(Projects))]
    public void Image_IsBuiltWithTheSdk_AndRunsOnAChiseledRuntime(string project)
    {
        var stages = Dockerfiles.Instructions(project).Where(i => i.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.True(stages.Count >= 2, $"{project}: not a multi-stage build");
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0", stages[0]);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/(aspnet|runtime|runtime-deps):10\.0-[a-z]+-chiseled(\s|$)", stages[^1]);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Image_CarriesTheAspNetCoreRuntime_WhenTheAppOrALibraryItUsesNeedsIt(string project)
    {
        var runtime = Dockerfiles.Instructions(project).Last(i => i.StartsWith("FROM ", StringComparison.Ordinal));

        if (NeedsAspNetCore(RepositoryRoot.Combine($"services/{project}/{project}.csproj")))
        {
            Assert.Contains("mcr.microsoft.com/dotnet/aspnet:", runtime);
        }
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Image_RunsAsANonRootUser(string project)
    {
        var finalStage = FinalStage(project);

        var user = Assert.Single(finalStage, i => i.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotMatch(@"^USER\s+(root|0)(:|$)", user);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Image_StartsTheAssemblyItsProjectBuilds(string project)
    {
        var csproj = File.ReadAllText(RepositoryRoot.Combine($"services/{project}/{project}.csproj"));
        var assembly = System.Text.RegularExpressions.Regex.Match(csproj, "<AssemblyName>(.+)</AssemblyName>") is { Success: true } m ? m.Groups[1].Value : project;

        Assert.Single(FinalStage(project), i => i.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        Assert.Equal($"{assembly}.dll", Dockerfiles.StartedAssembly(project));
    }

    [Fact]
    public void TheHttpServices_ShareOneDockerfile_WhichAcceptsExactlyThem()
    {
        // A copy per service drifts (issue 10): the four images differ only by the project they publish.
        foreach (var project in Dockerfiles.SharedProjects)
        {
            Assert.False(File.Exists(RepositoryRoot.Combine($"services/{project}/Dockerfile")), $"services/{project}/Dockerfile is back beside {Dockerfiles.SharedPath}");
        }

        var guard = Assert.Single(Dockerfiles.Instructions("Clv.Scorer"), i => i.StartsWith("RUN case \"$SERVICE\" in", StringComparison.Ordinal));
        var accepted = System.Text.RegularExpressions.Regex.Match(guard, @"in\s+([\w.|]+)\)").Groups[1].Value.Split('|');
        Assert.Equal(Dockerfiles.SharedProjects.Order(), accepted.Order());
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void EveryCopiedPath_ExistsInTheBuildContext_AndIsNotDockerIgnored(string project)
    {
        var ignored = File.ReadAllLines(RepositoryRoot.Combine(".dockerignore"));
        foreach (var source in Dockerfiles.CopiedSources(project))
        {
            Assert.True(Path.Exists(RepositoryRoot.Combine(source)), $"{project}: COPY {source} names nothing in the repository");
            Assert.False(IsIgnored(source, ignored), $"{project}: COPY {source} is excluded by .dockerignore");
        }
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void EveryProjectTheServiceReferences_IsCopiedIntoTheBuildStage(string project)
    {
        var copied = Dockerfiles.CopiedSources(project).ToList();

        foreach (var csproj in ProjectClosure(RepositoryRoot.Combine($"services/{project}/{project}.csproj")))
        {
            var relative = Path.GetRelativePath(RepositoryRoot.Path, Path.GetDirectoryName(csproj)!).Replace('\\', '/') + "/";
            Assert.True(copied.Any(source => relative.StartsWith(source.TrimEnd('/') + "/", StringComparison.Ordinal)),
                $"{project} builds {relative}, which its Dockerfile does not copy");
        }
    }

    [Theory]
    [MemberData(nameof(HttpProjects))]
    public void HttpService_ExposesThePortItsHealthcheckProbes(string project)
    {
        var finalStage = FinalStage(project);
        var exposed = Assert.Single(Dockerfiles.ExposedPorts(project));

        var healthcheck = Assert.Single(finalStage, i => i.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        Assert.Contains($"http://127.0.0.1:{exposed}/health/ready", healthcheck);
        Assert.Equal(8080, exposed);
    }

    private static HashSet<string> ProjectClosure(string csproj)
    {
        var closure = new HashSet<string>();
        var pending = new Stack<string>([Path.GetFullPath(csproj)]);
        while (pending.TryPop(out var current))
        {
            if (closure.Add(current))
            {
                foreach (var reference in ProjectReferences(current))
                {
                    pending.Push(reference);
                }
            }
        }

        return closure;
    }

    private static IEnumerable<string> ProjectReferences(string csproj) =>
        System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(csproj), "<ProjectReference Include=\"([^\"]+)\"")
            .Select(reference => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(csproj)!, reference.Groups[1].Value)));

    // The Web SDK, or a FrameworkReference to Microsoft.AspNetCore.App anywhere down the project references.
    private static bool NeedsAspNetCore(string csproj) =>
        ProjectClosure(csproj).Select(File.ReadAllText).Any(text =>
            text.Contains("Sdk=\"Microsoft.NET.Sdk.Web\"", StringComparison.Ordinal)
            || text.Contains("<FrameworkReference Include=\"Microsoft.AspNetCore.App\"", StringComparison.Ordinal));

    private static List<string> FinalStage(string project)
    {
        var instructions = Dockerfiles.Instructions(project);
        var lastFrom = instructions.ToList().FindLastIndex(i => i.StartsWith("FROM ", StringComparison.Ordinal));
        return instructions.Skip(lastFrom).ToList();
    }

    // .dockerignore semantics for the patterns used there: a folder pattern excludes what is under it,
    // a later "!" pattern takes a path back in.
    private static bool IsIgnored(string path, IEnumerable<string> patterns)
    {
        var normalized = path.TrimEnd('/') + "/";
        var ignored = false;
        foreach (var raw in patterns.Select(p => p.Trim()).Where(p => p.Length > 0 && !p.StartsWith('#')))
        {
            var negate = raw.StartsWith('!');
            var pattern = (negate ? raw[1..] : raw).TrimEnd('/') + "/";
            if (!pattern.Contains('*', StringComparison.Ordinal) && normalized.StartsWith(pattern, StringComparison.Ordinal))
            {
                ignored = !negate;
            }
        }

        return ignored;
    }
}
