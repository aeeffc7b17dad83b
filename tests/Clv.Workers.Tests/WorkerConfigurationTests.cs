using Clv.Model.Persistence;
using Clv.ModelLifecycle;
using Clv.Workers.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Clv.Workers.Tests;

/// <summary>One way to configure: validated at start-up, each service registered once (issue 11 finding 9, issue 10 item 2).</summary>
public sealed class WorkerConfigurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("clv-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("Workers:Retry:InitialDelayMs", "0", "Workers:Retry:InitialDelayMs (0) must be at least 1")]
    [InlineData("Workers:WindowSize", "70000", "Workers:WindowSize (70000) must be at least 1 and below 65535")]
    [InlineData("Workers:DedupeHorizon", "10", "Workers:DedupeHorizon (10) must be 0 (the window) or at least Workers:WindowSize (64)")]
    [InlineData("Validation:MaxAmount", "-1", "Validation:MinAmount (0) must be >= 0 and below a finite Validation:MaxAmount (-1)")]
    [InlineData("Validation:MaxIdLength", "30000", "Validation:MaxIdLength (30000) must be at most 21845, the longest event id the workers can store")]
    [InlineData("Validation:IdPattern", "[", "Validation:IdPattern is not a regular expression")]
    [InlineData("Workers:ModelPath", "/nonexistent/model.clv", "Workers:ModelPath /nonexistent/model.clv does not exist")]
    public async Task ASettingThatCannotWork_StopsTheHostAtStart_WithAMessageNamingIt(string setting, string value, string message)
    {
        using var host = Build(new() { [setting] = value }, (builder, _) => builder.AddWorkerComponents());

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, failure => failure.StartsWith(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Workers_ModelPath_IsLoaded_WhicheverRegistrationRunsFirst(bool activationFirst)
    {
        var path = Path.Combine(_directory, "model.clv");
        WeightsFile.WriteFile(TestModels.Create(version: "from-path"), path);
        using var host = Build(new() { ["Workers:ModelPath"] = path }, (builder, _) =>
        {
            if (activationFirst)
            {
                builder.Services.AddModelActivation(builder.Configuration);
                builder.AddWorkerComponents();
            }
            else
            {
                builder.AddWorkerComponents();
                builder.Services.AddModelActivation(builder.Configuration);
            }
        });

        var models = host.Services.GetServices<ActiveModel>().ToList();

        Assert.Equal("from-path", Assert.Single(models).Current.Version);
    }

    [Fact]
    public void WorkersSettings_ReachEveryComponent_OnlyAsValidatedIOptions()
    {
        // One way to configure: no component takes the section as a plain value, and none is registered to take.
        var plain = typeof(WorkersExtensions).Assembly.GetTypes()
            .SelectMany(type => type.GetConstructors())
            .Where(constructor => constructor.GetParameters().Any(parameter => parameter.ParameterType == typeof(WorkersOptions)))
            .Select(constructor => constructor.DeclaringType!.Name);
        using var host = Build(new() { ["Workers:WindowSize"] = "16" }, (builder, _) =>
        {
            builder.AddWorkerComponents();
            builder.Services.AddModelActivation(builder.Configuration);
        });

        Assert.Empty(plain);
        Assert.Null(host.Services.GetService<WorkersOptions>());
        Assert.Equal(16, host.Services.GetRequiredService<IOptions<WorkersOptions>>().Value.WindowSize);
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<HostApplicationBuilder, IConfiguration> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        configure(builder, builder.Configuration);
        return builder.Build();
    }
}
