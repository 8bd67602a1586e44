using System.Text.RegularExpressions;

namespace PreventionBot.Core.Content;

/// <summary>
/// UK → US word swaps from <c>dialogs/spelling/en-US.yaml</c>, so authors write one text and the US and
/// Canada still read their own spelling. Runs only at start-up.
/// </summary>
internal sealed class SpellingTable
{
    public static readonly SpellingTable Empty = new(new Dictionary<string, string>());

    private readonly Dictionary<string, string> _pairs;
    private readonly Regex? _words;

    public SpellingTable(Dictionary<string, string> pairs)
    {
        _pairs = pairs.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value, StringComparer.OrdinalIgnoreCase);
        _words = _pairs.Count == 0
            ? null
            : new Regex(
                @"\b(" + string.Join("|", _pairs.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + @")\b",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public string Apply(string text) => _words is null ? text : _words.Replace(text, m => MatchCase(m.Value, _pairs[m.Value]));

    private static string MatchCase(string original, string replacement) =>
        original.Length > 0 && char.IsUpper(original[0])
            ? char.ToUpperInvariant(replacement[0]) + replacement[1..]
            : replacement;
}
