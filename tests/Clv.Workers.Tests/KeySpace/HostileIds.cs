using FsCheck;
using FsCheck.Fluent;

namespace Clv.Workers.Tests.KeySpace;

/// <summary>Customer ids built from the pieces that break naive key layouts: braces, colons, newlines, system key names, escapes, non-ASCII.</summary>
public static class HostileIds
{
    public static readonly string[] Pieces =
        ["{", "}", ":", "\n", "\r", " ", "%", "%7B", "*", "?", "[", "models", "recency:p3", "clv", "seq", "meta", "state", "x", "Z9", "é", "日本", "🙂", "\u0000", "-", "_"];

    /// <summary>The ids issue 11 names, plus a few that escape naive encodings.</summary>
    public static readonly string[] Named = ["models", "recency:p3", "x}y{z", "}x", "{models}", "a\nb", "%41", "A", "ü", "🙂"];

    public static Arbitrary<string> Ids() =>
        Gen.Elements(Pieces).ArrayOf().Where(parts => parts.Length > 0).Select(parts => string.Concat(parts)).ToArbitrary();
}
