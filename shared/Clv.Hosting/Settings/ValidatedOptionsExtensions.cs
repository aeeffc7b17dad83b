using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clv.Hosting.Settings;

/// <summary>
/// The one way settings are registered: bound from the top-level configuration section named for the component
/// (<c>Kafka</c>, <c>Workers</c>, <c>Trainer</c>...; environment variables <c>Section__Key</c>), read through
/// <see cref="IOptions{TOptions}"/>, and validated when the host starts, so a wrong value stops the service at
/// once with a message naming the setting instead of misbehaving later.
/// </summary>
public static class ValidatedOptionsExtensions
{
    /// <summary>Registers <typeparamref name="T"/> once; a second call (another component needing the same settings) changes nothing.</summary>
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section, Func<T, IEnumerable<string>> problems)
        where T : class
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<T>) && d.ImplementationInstance is ProblemsValidator<T>))
        {
            return services;
        }

        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new ProblemsValidator<T>(problems));
        return services;
    }

    /// <summary>
    /// The same binding and rules for code that runs before any host exists (<c>clv replay</c>, the standalone
    /// loading its data file): a wrong value throws <see cref="OptionsValidationException"/> with the same messages.
    /// </summary>
    public static T ReadValidated<T>(IConfiguration configuration, string section, Func<T, IEnumerable<string>> problems)
        where T : class, new()
    {
        var value = new T();
        configuration.GetSection(section).Bind(value);
        var failures = problems(value).ToList();
        return failures.Count == 0 ? value : throw new OptionsValidationException(section, typeof(T), failures);
    }
}
