using System.Globalization;
using System.Text.RegularExpressions;
using PreventionBot.Core.Content;

namespace PreventionBot.Core.Understanding;

/// <summary>
/// <c>dialogs/languages/&lt;code&gt;.yaml</c>: for each language the bot cannot hold a conversation in, the
/// words that identify it, crisis, emergency and seeking lexicons in that language, a lexicon for someone worried
/// about their own sexual thoughts about children, one for a young person or a parent whose child's images are shared or
/// used to blackmail, one for someone who found sexual images of children (often on a partner's or relative's device), one
/// for someone worried that a child is being sexually abused or groomed by someone, and ten short replies in it (each with a second wording). The bot speaks English, but a person in danger who writes "je veux mourir" must still be
/// answered, in French, with a number they can call. <c>en.yaml</c> holds only English's markers.
/// </summary>
public sealed partial class LanguagePacks
{
    public const string Folder = "languages";
    public const string English = "en";

    /// <summary>The replies every non-English pack must have: one per safety topic, one for someone worried about their
    /// own thoughts (<c>self</c>), one for a young person or parent whose images are shared or used to blackmail
    /// (<c>victim</c>), one for someone who found sexual images of children (<c>found</c>), one for someone worried that a
    /// child is being sexually abused or groomed (<c>abuse</c>), the close for a thanks
    /// (<c>close</c>), and one for anything else; each also with its second wording (<see cref="StillSuffix"/>).</summary>
    public static readonly IReadOnlyList<string> ReplyKinds = ["crisis", "emergency", "emergency-coming", "deterrence", "self", "victim", "found", "abuse", "talk", "close", "other"];

    /// <summary>The topic lexicons a pack may have, in the order they are looked for, each with the topic it answers: its
    /// reply kind has the lexicon's name. The one place the router and the engine both read, so the order in which a
    /// message is read and the reply that answers it cannot drift apart.</summary>
    public static readonly IReadOnlyList<(string Kind, string Topic)> TopicKinds =
    [
        ("self", TopicIds.SelfHelp),
        ("victim", TopicIds.VictimSupport),
        ("found", TopicIds.Report),
        ("abuse", TopicIds.ConcernOther),
        ("talk", TopicIds.ParentsEducators),
    ];

    /// <summary>The reply kind that answers a topic in another language (<see cref="TopicKinds"/>), or null.</summary>
    public static string? KindOf(string topic)
    {
        foreach (var (kind, lexiconTopic) in TopicKinds)
        {
            if (lexiconTopic == topic)
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>The second reply of each kind (<c>crisis-still</c>, …), required with the first, sent when the person
    /// writes again in their language: the same numbers in other words, so nobody is sent the same text twice in a row.</summary>
    public const string StillSuffix = "-still";

    /// <summary>After a reply kind (<c>victim-young</c>, <c>crisis-young-still</c>): that reply as written for a young person,
    /// whom the general wording addresses as a parent ("ce n'est ni votre faute ni celle de votre enfant", study 151, a girl of
    /// 15 in Marseille). Optional; where a pack has one, it has its second wording too.</summary>
    public const string YoungSuffix = "-young";

    /// <summary>The kinds a pack may write for a young person (<see cref="YoungSuffix"/>).</summary>
    public static readonly IReadOnlyList<string> YoungKinds = ["crisis", "victim"];

    private readonly LanguagePack[] _packs;
    private readonly HashSet<ulong> _englishMarkers;

    private LanguagePacks(LanguagePack[] packs, HashSet<ulong> englishMarkers, IReadOnlyList<CountryWording> countryWordings)
    {
        _packs = packs;
        _englishMarkers = englishMarkers;
        CountryWordings = countryWordings;
    }

    public static LanguagePacks Empty { get; } = new([], [], []);

    /// <summary>Every reply written for one country (<c>crisis@CA</c>), so the loader of the jurisdiction packs can check the
    /// country exists: a typo would otherwise never be sent.</summary>
    internal IReadOnlyList<CountryWording> CountryWordings { get; }

    /// <summary>The non-English languages, by code.</summary>
    public IEnumerable<string> Codes => _packs.Select(p => p.Code);

    internal IReadOnlyList<LanguagePack> Packs => _packs;

    /// <summary>Between a reply kind and a country code in a reply's key (<c>crisis@CA</c>): that reply as written for people
    /// in that country, who need its lines; everyone else gets the kind's general wording.</summary>
    public const char CountrySeparator = '@';

    /// <summary>The reply of one kind (<see cref="ReplyKinds"/>, or one + <see cref="StillSuffix"/>) in one language, ready to
    /// send: the wording for <paramref name="country"/> when the pack has one (<c>crisis@CA</c>), else the general one.</summary>
    /// For a young person, the wording written for them (<see cref="YoungSuffix"/>) where there is one; a country's wording
    /// still comes first, for its numbers.
    public string? Reply(string code, string kind, string? country = null, bool young = false)
    {
        if (Find(code) is not { } pack)
        {
            return null;
        }

        // Most specific first: the young person's wording for the country, the country's, the young person's, the general.
        string[] kinds = young ? [YoungKind(kind), kind] : [kind];
        if (country is not null)
        {
            foreach (var candidate in kinds)
            {
                if (pack.Replies.GetValueOrDefault(candidate + CountrySeparator + country) is { } forCountry)
                {
                    return forCountry;
                }
            }
        }

        foreach (var candidate in kinds)
        {
            if (pack.Replies.GetValueOrDefault(candidate) is { } text)
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>The young person's kind for a kind and its second wording ("victim-still" is "victim-young-still").</summary>
    private static string YoungKind(string kind) =>
        kind.EndsWith(StillSuffix, StringComparison.Ordinal)
            ? kind[..^StillSuffix.Length] + YoungSuffix + StillSuffix
            : kind + YoungSuffix;

    /// <summary>The pack for a language code, or null (English, or no language identified).</summary>
    internal LanguagePack? Find(string? code)
    {
        foreach (var pack in _packs)
        {
            if (pack.Code == code)
            {
                return pack;
            }
        }

        return null;
    }

    /// <summary>The language of a normalised message when it is clearly not English, else null.
    /// Counts very common words of each language; two or more, and more than English's, decide.</summary>
    internal string? Identify(in WordSequence words)
    {
        var english = 0;
        Span<int> counts = _packs.Length <= 16 ? stackalloc int[_packs.Length] : new int[_packs.Length];
        for (var i = 0; i < words.Count; i++)
        {
            var hash = words.HashAt(i);
            if (_englishMarkers.Contains(hash))
            {
                english++;
            }

            for (var p = 0; p < _packs.Length; p++)
            {
                if (_packs[p].Markers.Contains(hash))
                {
                    counts[p]++;
                }
            }
        }

        var best = -1;
        for (var p = 0; p < _packs.Length; p++)
        {
            if (counts[p] >= 2 && counts[p] > english && (best < 0 || counts[p] > counts[best]))
            {
                best = p;
            }
        }

        return best < 0 ? null : _packs[best].Code;
    }

    /// <summary>How many of the message's words are very common words of the language <paramref name="code"/>, and how many
    /// of English's: in a conversation held in that language, a short message with more of its words ("jaki numer w
    /// irlandii?", study 127: too few for <see cref="Identify"/>) is still in it, and a message that mixes the two and says
    /// nothing clear in English is answered in it too.</summary>
    internal (int Own, int English) MarkersOf(in WordSequence words, string code)
    {
        if (Find(code) is not { } pack)
        {
            return (0, 0);
        }

        var english = 0;
        var own = 0;
        for (var i = 0; i < words.Count; i++)
        {
            var hash = words.HashAt(i);
            english += _englishMarkers.Contains(hash) ? 1 : 0;
            own += pack.Markers.Contains(hash) ? 1 : 0;
        }

        return (own, english);
    }

    /// <exception cref="ContentException">A file is malformed, a fact has no source or date, or a reply
    /// names a service the file does not have.</exception>
    public static LanguagePacks Load(string dialogsDirectory)
    {
        var folder = Path.Combine(dialogsDirectory, Folder);
        if (!Directory.Exists(folder))
        {
            return Empty;
        }

        var packs = new List<LanguagePack>();
        var countryWordings = new List<CountryWording>();
        HashSet<ulong> englishMarkers = [];
        foreach (var path in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var code = Path.GetFileNameWithoutExtension(path);
            var file = $"{Folder}/{code}.yaml";
            var document = UnderstandingContent.Read<LanguageDocument>(path, file);
            if (document.Code != code)
            {
                throw UnderstandingContent.Problem(file, "code", $"must be '{code}' (the file name), not '{document.Code}'");
            }

            var markers = Markers(document.Markers, file);
            if (code == English)
            {
                englishMarkers = markers;
                continue;
            }

            var services = Services(document.Services, file);
            var replies = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var kind in ReplyKinds)
            {
                foreach (var key in new[] { kind, kind + StillSuffix })
                {
                    if (document.Replies?.GetValueOrDefault(key) is not { Length: > 0 } text)
                    {
                        throw UnderstandingContent.Problem(file, $"replies.{key}", "is missing");
                    }

                    replies[key] = Render(text.Trim(), services, file, $"replies.{key}");
                }
            }

            foreach (var (key, text) in document.Replies!)
            {
                var separator = key.IndexOf(CountrySeparator, StringComparison.Ordinal);
                var kindKey = separator < 0 ? key : key[..separator];
                // The general wordings were read above; what else a pack may write is a young person's wording ("victim-young")
                // or a country's ("crisis@CA", "crisis-young@CA").
                // A misspelt kind ("crsis@US") is refused whether or not it names a country: loaded, it would never be sent.
                var young = YoungKinds.Any(k => kindKey == k + YoungSuffix || kindKey == k + YoungSuffix + StillSuffix);
                if (!young && !ReplyKinds.Contains(kindKey)
                    && !(kindKey.EndsWith(StillSuffix, StringComparison.Ordinal) && ReplyKinds.Contains(kindKey[..^StillSuffix.Length])))
                {
                    throw UnderstandingContent.Problem(file, $"replies.{key}", $"is not a reply kind ({string.Join(", ", ReplyKinds)}, or one of them + '{StillSuffix}' or '{YoungSuffix}', optionally + '{CountrySeparator}' and a country code)");
                }

                if (!young && separator < 0)
                {
                    continue;
                }

                var country = separator < 0 ? null : key[(separator + 1)..];
                if (country is not null && (country.Length is < 2 or > 3 || !country.All(char.IsAsciiLetterUpper)))
                {
                    throw UnderstandingContent.Problem(file, $"replies.{key}", "a country's wording ends with '@' and a pack's code, such as CA");
                }

                // Each comes with its second wording ("crisis-still@CA", "victim-young-still"), so the two still alternate.
                var pair = (kindKey.EndsWith(StillSuffix, StringComparison.Ordinal) ? kindKey[..^StillSuffix.Length] : kindKey + StillSuffix)
                    + (country is null ? "" : CountrySeparator + country);
                if (!document.Replies.ContainsKey(pair))
                {
                    throw UnderstandingContent.Problem(file, $"replies.{key}", $"needs replies.{pair} too");
                }

                if (string.IsNullOrWhiteSpace(text))
                {
                    throw UnderstandingContent.Problem(file, $"replies.{key}", "is empty");
                }

                replies[key] = Render(text.Trim(), services, file, $"replies.{key}");
                if (country is not null)
                {
                    countryWordings.Add(new CountryWording(file, key, country));
                }
            }

            packs.Add(new LanguagePack(
                code,
                document.Name ?? code,
                markers,
                new SafetyLexicons(
                    Lexicon(TopicIds.Emergency, document.Emergency, file),
                    Lexicon(TopicIds.Crisis, document.Crisis, file),
                    Lexicon(TopicIds.Deterrence, document.Deterrence, file)),
                TopicLexicons(document, file),
                replies));
        }

        return new LanguagePacks([.. packs], englishMarkers, countryWordings);
    }

    /// <summary>The pack's topic lexicons that it has, in <see cref="TopicKinds"/> order.</summary>
    private static (string Topic, SafetyLexicon Lexicon)[] TopicLexicons(LanguageDocument document, string file)
    {
        var lexicons = new List<(string, SafetyLexicon)>();
        foreach (var (kind, topic) in TopicKinds)
        {
            var lexicon = kind switch
            {
                "self" => document.Self,
                "victim" => document.Victim,
                "found" => document.Found,
                "abuse" => document.Abuse,
                "talk" => document.Talk,
                _ => throw new InvalidOperationException($"No lexicon document for '{kind}'."),
            };
            if (lexicon is not null)
            {
                lexicons.Add((topic, UnderstandingContent.BuildLexicon(topic, lexicon, file, kind + ".")));
            }
        }

        return [.. lexicons];
    }

    private static SafetyLexicon Lexicon(string topic, UnderstandingContent.LexiconDocument? document, string file) =>
        document is null
            ? throw UnderstandingContent.Problem(file, topic, $"the {topic} lexicon is missing")
            : UnderstandingContent.BuildLexicon(topic, document, file, topic + ".");

    private static HashSet<ulong> Markers(List<string>? markers, string file)
    {
        if (markers is not { Count: >= 10 })
        {
            throw UnderstandingContent.Problem(file, "markers", "needs at least 10 common words of the language");
        }

        var set = new HashSet<ulong>();
        foreach (var marker in markers)
        {
            foreach (var word in TextNormaliser.Normalise(marker).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                set.Add(WordHash.Squeezed(word));
            }
        }

        return set;
    }

    private static Dictionary<string, string> Services(Dictionary<string, ServiceDocument>? services, string file)
    {
        var rendered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, service) in services ?? [])
        {
            var key = $"services.{id}";
            if (string.IsNullOrWhiteSpace(service.Name) || string.IsNullOrWhiteSpace(service.Contact))
            {
                throw UnderstandingContent.Problem(file, key, "needs a name and a contact");
            }

            var sources = service.Source switch
            {
                string one => [one],
                List<object> many => many.Select(o => o?.ToString() ?? string.Empty).ToList(),
                _ => [],
            };
            if (sources.Count == 0 || sources.Any(s => !Uri.TryCreate(s, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
            {
                throw UnderstandingContent.Problem(file, key + ".source", "every fact needs a source: an https URL (or a list of them)");
            }

            if (!DateOnly.TryParseExact(service.Verified, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                throw UnderstandingContent.Problem(file, key + ".verified", "needs the date it was last checked, as yyyy-mm-dd");
            }

            if ($"{service.Name} {service.Contact}".Contains("UNVERIFIED", StringComparison.OrdinalIgnoreCase))
            {
                throw UnderstandingContent.Problem(file, key, "an UNVERIFIED fact is not shipped");
            }

            rendered[id] = $"**{service.Name!.Trim()}**: {service.Contact!.Trim()}";
        }

        return rendered;
    }

    private static string Render(string text, Dictionary<string, string> services, string file, string key) =>
        Placeholder().Replace(text, match =>
            services.TryGetValue(match.Groups[1].Value, out var service)
                ? service
                : throw UnderstandingContent.Problem(file, key, $"{{{match.Groups[1].Value}}} is not a service in this file"));

    [GeneratedRegex(@"\{([a-z0-9-]+)\}")]
    private static partial Regex Placeholder();

    // YAML shapes: mutable because YamlDotNet fills them property by property.
    private sealed class LanguageDocument
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public List<string>? Markers { get; set; }

        public UnderstandingContent.LexiconDocument? Crisis { get; set; }

        public UnderstandingContent.LexiconDocument? Emergency { get; set; }

        public UnderstandingContent.LexiconDocument? Deterrence { get; set; }

        public UnderstandingContent.LexiconDocument? Self { get; set; }

        public UnderstandingContent.LexiconDocument? Victim { get; set; }

        public UnderstandingContent.LexiconDocument? Found { get; set; }

        public UnderstandingContent.LexiconDocument? Abuse { get; set; }

        public UnderstandingContent.LexiconDocument? Talk { get; set; }

        public Dictionary<string, ServiceDocument>? Services { get; set; }

        public Dictionary<string, string>? Replies { get; set; }
    }

    private sealed class ServiceDocument
    {
        public string? Name { get; set; }

        public string? Contact { get; set; }

        public object? Source { get; set; }

        public string? Verified { get; set; }

        public string? Hours { get; set; }

        public string? For { get; set; }
    }
}

/// <summary>One language: how to recognise it, its safety lexicons and its replies.</summary>
/// <param name="Code">The language code, as the file is named (<c>de</c>).</param>
/// <param name="Name">The language's English name.</param>
/// <param name="Markers">Very common words of the language, hashed (<see cref="LanguagePacks.Identify"/>).</param>
/// <param name="Lexicons">Crisis, emergency and seeking in this language.</param>
/// <param name="TopicLexicons">The topics a message in this language is read for once the safety lexicons found nothing,
/// each with its lexicon, in <see cref="LanguagePacks.TopicKinds"/> order (optional each: a pack without one answers such a
/// message with <c>other</c>): someone worried about their own thoughts or viewing (<c>self</c>); a young person whose nude
/// image is shared or used to blackmail them, or their parent (<c>victim</c>); someone who found sexual images of children
/// (<c>found</c>: after <c>victim</c>, as "Nacktbilder von meiner Tochter" is a parent's); a child abused or groomed by
/// someone, not at this moment (<c>abuse</c>); a parent asking how to talk to their child (<c>talk</c>, last, so a message
/// that also tells what happened gets the reply for that).</param>
/// <param name="Replies">The replies by kind (<see cref="LanguagePacks.ReplyKinds"/>, each also with its second wording), rendered.</param>
internal sealed record LanguagePack(
    string Code,
    string Name,
    HashSet<ulong> Markers,
    SafetyLexicons Lexicons,
    IReadOnlyList<(string Topic, SafetyLexicon Lexicon)> TopicLexicons,
    IReadOnlyDictionary<string, string> Replies);

/// <summary>A reply written for one country: the file and key it is at, and the country's code.</summary>
internal sealed record CountryWording(string File, string Key, string Country);
