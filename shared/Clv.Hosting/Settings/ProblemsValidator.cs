using Microsoft.Extensions.Options;

namespace Clv.Hosting.Settings;

/// <summary>Fails an options object with every problem <paramref name="problems"/> finds, each naming its setting.</summary>
public sealed class ProblemsValidator<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var found = problems(options).ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
