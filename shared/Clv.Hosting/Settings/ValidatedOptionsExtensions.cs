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
}
