using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clv.Contracts.Json;

/// <summary>
/// Writes an enum as its snake_case lower-case name (<c>level_crossing</c>) and refuses integers,
/// so a renumbered enum can never be read silently as another member. Parameterless, as source
/// generation requires of converters named in <see cref="JsonSourceGenerationOptionsAttribute"/>.
/// </summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
