using System.Text.RegularExpressions;

namespace PreventionBot.Core.Content;

/// <summary>
/// What a reply's own words may and may not say. Numbers and statutes come from the packs, where they
/// carry a source; a promise that a service is there "now" or is "confidential" must be one the service
/// itself makes. Each rule is a pattern a reviewer can predict, not a judgement.
/// </summary>
internal static partial class ReplyTextRules
{
    /// <summary>The most words a topic's entry reply (and each of its variants) may have, as rendered.</summary>
    public const int EntryReplyMaxWords = 80;

    /// <summary>Problems with the wording of one text, before any pack fills it.</summary>
    public static IEnumerable<string> WordingProblems(string text, IReadOnlySet<string> shortNumbers)
    {
        var plain = Placeholder().Replace(text, " ");
        if (plain.Contains("child porn", StringComparison.OrdinalIgnoreCase))
        {
            yield return "say \"child sexual abuse material\", never \"child pornography\"";
        }

        foreach (Match m in PhoneLike().Matches(plain))
        {
            yield return $"states the number '{m.Value.Trim()}': numbers come from the pack ({{<role>.contact}} or {{<role>.phone}}), where they carry a source";
        }

        foreach (Match m in ShortNumber().Matches(plain))
        {
            if (shortNumbers.Contains(m.Value))
            {
                yield return $"states the number '{m.Value}': use {{emergency.contact}}, {{police.contact}} or {{crisis.contact}} from the pack";
            }
        }

        foreach (Match m in StatuteName().Matches(plain))
        {
            yield return $"names a law ('{m.Value.Trim()}'): laws come from the pack ({{law.<id>.name}}), where they carry a source";
        }
    }

    /// <summary>The roles (<c>prevention</c>, <c>crisis</c>, …) a text's <c>{role.field}</c> placeholders name.</summary>
    public static IEnumerable<string> RolesIn(string text)
    {
        foreach (Match m in Placeholder().Matches(text))
        {
            var key = m.Groups[1].Value;
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && key[..dot] is not ("law" or "fact"))
            {
                yield return key[..dot];
            }
        }
    }

    public static IEnumerable<string> PlaceholderKeys(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value);

    public static string Fill(string text, Func<string, string?> valueOf, Action<string> missing) =>
        Placeholder().Replace(text, m =>
        {
            var key = m.Groups[1].Value;
            if (valueOf(key) is { } value)
            {
                return value;
            }

            missing(key);
            return m.Value;
        });

    /// <summary>"now", "today", "24/7", "any time"…: words that promise a service is there when the reader is.</summary>
    public static bool ClaimsAvailability(string line) => Availability().IsMatch(Placeholder().Replace(line, " "));

    /// <summary>
    /// True when a text warns of what the law can do. Read by someone worried about their own behaviour, such a
    /// message must carry the crisis line: fear of investigation is a known suicide risk (domain.md 4.7).
    /// </summary>
    public static bool Warns(string rendered) => LegalWarning().IsMatch(rendered);

    /// <summary>True when a service's <c>hours</c> support being told "now" at any hour.</summary>
    public static bool AlwaysOpen(string? hours) => hours is not null && AlwaysOpenHours().IsMatch(hours);

    /// <summary>True when the text itself (not a placeholder) calls something confidential.</summary>
    public static bool SaysConfidential(string text) =>
        Placeholder().Replace(text, " ").Contains("confidential", StringComparison.OrdinalIgnoreCase);

    public static int CountWords(string rendered) =>
        rendered.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetterOrDigit));

    /// <summary>The lines of a text: one paragraph or one list item each, as authors write them.</summary>
    public static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    [GeneratedRegex(@"\{([a-z]+(?:\.[a-z0-9-]+)+|country)\}")]
    public static partial Regex Placeholder();

    // Five or more digits with at most one space, hyphen or dot between them: 0808 1000 900, 116 123,
    // 1-800-422-4453, 13 11 14. Years (four digits) and ages do not match.
    [GeneratedRegex(@"(?<![\w/.,-])\+?\d(?:[ .-]?\d){4,}(?![\w/-])")]
    private static partial Regex PhoneLike();

    // Standalone three-digit numbers, compared with the short numbers the packs hold (999, 911, 000, 112,
    // 101, 988), so "10 years" or "under 18" never match.
    [GeneratedRegex(@"(?<![\w/.,-])\d(?:-?\d){2}(?![\w/,-])")]
    private static partial Regex ShortNumber();

    // A statute: "... Act", "Act 2003", "§", "U.S.C.", "section 62", "s.62", "Criminal Code", "Directive 2011/93".
    [GeneratedRegex(@"(?:\b(?:[A-Z][\w'-]*\s+)+Act\b(?:\s*\(?\d{4}\)?)?|§|\bU\.S\.C\b|\b[Ss]ections?\s+\d|\bss?\.\s?\d|\bCriminal Code\b|\bDirective\s+\d)")]
    private static partial Regex StatuteName();

    [GeneratedRegex(@"(?:\b24/7\b|\b24[ -]hours?\b|\bround the clock\b|\bright now\b|\bnow\b|\btoday\b|\btonight\b|\bany ?time\b|\bday or night\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Availability();

    [GeneratedRegex(@"\b(?:arrest(?:ed)?|prison|jail|criminal record|illegal|crimes?|traced)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LegalWarning();

    [GeneratedRegex(@"(?:\b24\b|\b24/7\b|any time|always)", RegexOptions.IgnoreCase)]
    private static partial Regex AlwaysOpenHours();
}
