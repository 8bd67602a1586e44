using System.Text.RegularExpressions;
using PreventionBot.Core.Content;

namespace PreventionBot.Core.Conversation;

/// <summary>
/// "I'm in Canada", "i live in australia", or just "Ireland": lets the user change country at any time by
/// saying so. The names come from the jurisdiction packs, not from code.
/// </summary>
internal static partial class CountryStatements
{
    /// <summary>The pack whose country the message says the user is in, or null.</summary>
    /// <param name="text">The message as typed.</param>
    /// <param name="content">The packs, whose names are looked for.</param>
    /// <param name="chosenAlready">The user has already said or picked where they are. Then "from" names where they come
    /// from, not where they are: "I am not british, from Poland" (study 59, a Polish woman in Manchester who had picked
    /// the UK) moved her to the international pack, and her next emergency reply lost 999.</param>
    /// <param name="countryKnown">The bot already has a country for the user, from their locale or their own word. Then a
    /// law stated of somewhere else ("ok but its legal in japan??", study 79: a seeker in London moved to the international
    /// pack, which kept every country's helplines from then on) is about that place's law, not where the user is.</param>
    public static Jurisdiction? Find(string text, BotContent content, bool chosenAlready, bool countryKnown)
    {
        // A long message is a story, whose places are seldom where the writer is ("I was abused by my stepfather in Ireland ...
        // I moved to England", the review of session 44); only a name that opens it says where they are ("nz auckland. school
        // rang me today my boy is 13 ...", study 127: asked for the country again).
        var story = text.Length > 300;
        var lower = text.ToLowerInvariant();

        // Longest name first, so "northern ireland" (UK) wins over "ireland".
        foreach (var (name, jurisdiction) in content.CountryNamesLongestFirst)
        {
            var at = IndexOfWord(lower, name);
            if (at < 0 || (story && at > 0))
            {
                continue;
            }

            // The whole message is the name, or it opens the message before a comma or full stop ("canada, ontario. i
            // asked about canada at the start", twenty-fourth study), or it follows a phrase that says where the user is.
            var before = lower[..at].TrimEnd();
            if (countryKnown && (LawLead().IsMatch(before) || PastLead().IsMatch(before)))
            {
                continue;
            }

            // "us" in lower case is most often the pronoun ("will social services take the grandkids away from us", study 67:
            // a grandfather in Glasgow was given the US helpline): only the whole message or "in us" says where someone is.
            var typedAsUs = at + 2 <= text.Length && string.CompareOrdinal(text, at, "US", 0, 2) == 0;
            if (name == "us" && !typedAsUs && before.Length > 0 && before != "in" && !before.EndsWith(" in", StringComparison.Ordinal))
            {
                continue;
            }

            var after = lower[(at + name.Length)..].Trim(' ', '.', '!');
            // The whole of a short message's last sentence ("i said nz. new zealand", study 127: asked for the country twice
            // more; not "they live abroad. spain." of relatives, nor "he says hes 15. american, i think", the review of session
            // 44), or the opening with a city after it ("nz auckland. school rang me today", the same father). Not the pronoun:
            // "us too. my son".
            var opens = before.Length == 0 && (after.Length == 0 || lower[at + name.Length] is ',' or '.')
                || (before.Length > 0 && before[^1] is '.' or '!' or '?' && after.Length == 0 && IsShort(text))
                || (before.Length == 0 && (name != "us" || typedAsUs) && PlaceThenStop().IsMatch(after));
            if ((opens || (LocationLead().Match(before) is { Success: true } lead && !Negated().IsMatch(before[..lead.Index])
                    && !(chosenAlready && OriginLead().IsMatch(before))))
                && !StartsWithName(after, content))
            {
                return jurisdiction;
            }
        }

        return null;
    }

    /// <summary>True when what follows a name is another country's name: the first was a word of the sentence, as "aus" (a
    /// name for Australia) is German for "from" in "ich bin aus österreich".</summary>
    private static bool StartsWithName(string after, BotContent content) =>
        content.CountryNamesLongestFirst.Any(n => IndexOfWord(after, n.Name) == 0);

    /// <summary>Six words or fewer: a message short enough that a sentence of only a name says where the writer is.</summary>
    private static bool IsShort(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 6;

    /// <summary>True when the message says nothing but where the user is.</summary>
    public static bool IsOnlyAStatement(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 7 && !text.Contains('?', StringComparison.Ordinal);

    private static int IndexOfWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            var startOk = at == 0 || !char.IsLetter(text[at - 1]);
            var end = at + word.Length;
            var endOk = end == text.Length || !char.IsLetter(text[end]);
            if (startOk && endOk)
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>One word, a city or region, then a comma or full stop: what follows a country that opens a message ("nz
    /// auckland. school rang me").</summary>
    [GeneratedRegex(@"^[\p{L}'-]+[,.](\s|$)")]
    private static partial Regex PlaceThenStop();

    /// <summary>A place the user says they are not in ("on est en france, pas au canada", study 50's replay: the bot moved a
    /// father in France to Canada's numbers). Not a bare "no": "no, im in canada" corrects the country. Nor one they do not
    /// want ("I dont want to ring a number in England", study 158, a survivor in Limerick moved to England's services).</summary>
    [GeneratedRegex(@"\b(?:not|pas|nicht|niet|nie)\s*$|\bdon['’]?t want\b[^.?!]*$")]
    private static partial Regex Negated();

    /// <summary>A law stated of a place ("its legal in", "its literally legal in" (study 84), "thats illegal in", "stuff is
    /// banned in"). Not asked about one: "is it illegal in ireland to share a nude" asks the law where the user may be (the
    /// review of session 32).</summary>
    [GeneratedRegex(@"\b(?:its|it s|thats|that s|is|are|was|isnt|arent) (?:(?:literally|totally|completely|perfectly|fully|technically|apparently|still|actually|100%) )?(?:(?:il)?legal|allowed|banned|a crime) in( the)?$")]
    private static partial Regex LawLead();

    /// <summary>A place where something happened in the past ("it was 30 years ago and in Poland, not here", study 111: a
    /// survivor in Cork abused as a child in Poland was moved to the international pack, and lost Ireland's numbers; "i grew
    /// up in", "when i was a kid in"). Only words that are past: "im a kid in ireland and my stepdad touches me" and "it
    /// happened in ireland yesterday" say where the person is (the review of session 40).</summary>
    [GeneratedRegex(@"(?:\bgrew up|\bago,? and|\bborn|\braised|\bwhen i was (?:a )?(?:kid|child|little|young|boy|girl)|\bas a (?:kid|child))( there)? in( the)?$")]
    private static partial Regex PastLead();

    /// <summary>A lead that says where someone comes from rather than where they are ("from", "ich bin aus", "soy de", "ik
    /// kom uit").</summary>
    [GeneratedRegex(@"(\bfrom|\baus|\bsoy de|\bik kom uit)( the)?$")]
    private static partial Regex OriginLead();

    /// <summary>What comes before a country name when the user says where they are. A bare "in" counts ("is that legal in
    /// canada"), but not after other people ("people in japan look at this stuff all the time", twenty-fourth study: the bot
    /// moved a Canadian to the international pack). In other languages only after the writer's own verb ("ich bin aus
    /// österreich", "je suis en belgique", "on est en france", "mieszkam w irlandii"; study 49's Austrian was never given his
    /// country), and the Polish "w" as "in" ("jaki numer w irlandii?", study 127: a mother in Dublin given 112 for the EU); the
    /// Portuguese prepositions only after the verb ("moro na irlanda"), since "im no american" is no place: "ma fille
    /// est en france" says where the child is. After the writer's own "live in" or "I'm in", a city may stand between ("we
    /// live in Munich, Germany, not England", study 66: a mother in Germany given UK numbers throughout; "i live in london.
    /// uk", study 67); never after "from" or another person's "in" ("from Krakow, Poland", "my daughter is at uni in Perth,
    /// Australia", the review of session 29).</summary>
    [GeneratedRegex(
        @"(\bi ?'?m|\bi am|\bim|\bi live|\bwe live|\bliving|\bbased|\blocated|\bfrom|\bmoved to|\bcountry is"
        + @"|\bje suis|\bj'?habite|\bon est|\bnous sommes|\bich bin|\bich wohne|\bich lebe|\bwir sind|\bwir wohnen|\bestoy"
        + @"|\bvivo|\bsoy de|\bik ben|\bik woon|\bik kom uit|\bmieszkam|\bmieszkamy|\bjestem|\bjesteśmy|\bjestesmy|\bw"
        + @"|\bvivimos|\bestamos|\babito|\babitiamo|\bviviamo|\bsono|\bsiamo|\b(?:moro|moramos|estou) (?:em|na|no)"
        + @"|(?<!\b(?:people|kids|children|girls|boys|guys|men|women|folks|everyone|everybody|anyone|someone|they|them|he|she) )\bin)"
        + @"( in| to| en| au| aux| à| a| aus| uit| de)?( the)?$"
        + @"|(\bi ?'?m|\bi am|\bim|\bi live|\bwe live|\bwe ?'?re|\bwe are|\bliving|\bbased|\blocated) in [\p{L}'-]+(?: [\p{L}'-]+)?[,.]$")]
    private static partial Regex LocationLead();
}
