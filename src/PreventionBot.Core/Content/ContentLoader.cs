using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PreventionBot.Core.Conversation;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PreventionBot.Core.Content;

/// <summary>
/// Reads <c>dialogs/</c>, checks it the way a content reviewer needs (file and key for every mistake) and
/// renders every reply for every jurisdiction. <see cref="Load"/> throws on any problem so the host never
/// starts with broken content; <see cref="Validate"/> lists the problems for the <c>validate</c> command.
/// </summary>
public static partial class ContentLoader
{
    private const string SystemFile = "system.yaml";
    private const string PostBackPrefix = "#";

    /// <summary>Fields every service and law must carry.</summary>
    private static readonly string[] FactRequiredFields = ["source", "verified"];

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static BotContent Load(string dialogsDirectory)
    {
        var (content, problems) = Compile(dialogsDirectory);
        return problems.Count == 0 && content is not null ? content : throw new ContentException(problems);
    }

    public static IReadOnlyList<ContentProblem> Validate(string dialogsDirectory) => Compile(dialogsDirectory).Problems;

    private static (BotContent? Content, List<ContentProblem> Problems) Compile(string dialogsDirectory)
    {
        var problems = new List<ContentProblem>();
        var topics = ReadTopics(dialogsDirectory, problems);
        var packs = ReadJurisdictions(dialogsDirectory, problems);
        var spellings = new Dictionary<string, SpellingTable>(StringComparer.Ordinal)
        {
            ["uk"] = SpellingTable.Empty,
            ["us"] = ReadSpelling(dialogsDirectory, "en-US", problems),
            ["ca"] = ReadSpelling(dialogsDirectory, "en-CA", problems),
        };

        CheckTopicsAndLinks(topics, problems);
        CheckJurisdictions(packs, problems);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var jurisdictions = packs.Select(p => ToJurisdiction(p.Document)).ToList();
        var replies = new Dictionary<string, Dictionary<string, BotReply>>();
        var variants = new Dictionary<string, Dictionary<(string Ref, SpeakerRole Role), BotReply>>();
        var titles = new Dictionary<string, Dictionary<string, string>>();
        foreach (var pack in packs)
        {
            var code = pack.Document.Code!;
            var facts = FactsOf(pack.Document);
            // text_us is written for the US only; Canada has its own, lighter spelling table.
            var usSpelling = pack.Document.Spelling == "us";
            var spelling = spellings[pack.Document.Spelling!];
            var rendered = new Dictionary<string, BotReply>(StringComparer.Ordinal);
            var renderedVariants = new Dictionary<(string Ref, SpeakerRole Role), BotReply>();
            var topicTitles = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var topic in topics)
            {
                if (topic.Document.Title is { } title)
                {
                    topicTitles[topic.Document.Id!] = spelling.Apply(title);
                }

                foreach (var reply in topic.Document.Replies!)
                {
                    var text = RenderText(topic, reply.Id!, reply.Text!, reply.TextUs, reply.Overrides, code, usSpelling, spelling, facts, problems);
                    var actions = RenderActions(reply.Actions, usSpelling, spelling);
                    var botReply = new BotReply(topic.Document.Id!, reply.Id!, text, actions);
                    rendered[botReply.Ref] = botReply;
                    foreach (var variant in reply.Variants ?? [])
                    {
                        var variantText = RenderText(topic, reply.Id + " variant for " + string.Join(",", variant.For!), variant.Text!, variant.TextUs, variant.Overrides, code, usSpelling, spelling, facts, problems);
                        var variantActions = variant.Actions is null ? actions : RenderActions(variant.Actions, usSpelling, spelling);
                        foreach (var roleId in variant.For!)
                        {
                            if (!SpeakerRoles.TryParse(roleId, out var role))
                            {
                                continue; // already reported by CheckVariants
                            }

                            renderedVariants[(botReply.Ref, role)] = botReply with { Text = variantText, Actions = variantActions };
                        }
                    }
                }
            }

            replies[code] = rendered;
            variants[code] = renderedVariants;
            titles[code] = topicTitles;
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var entries = topics.ToDictionary(t => t.Document.Id!, t => t.Document.Id + "/" + t.Document.Replies![0].Id);
        return (new BotContent(jurisdictions, replies, entries, titles, variants), problems);
    }

    private static List<SuggestedAction> RenderActions(List<ActionDocument>? actions, bool usSpelling, SpellingTable spelling) =>
        (actions ?? [])
            .Select(a => new SuggestedAction(spelling.Apply(a.Title!), PostBackPrefix + a.Goto!))
            .ToList();

    private static string RenderText(
        Loaded<TopicDocument> topic,
        string replyKey,
        string plainText,
        string? textUs,
        Dictionary<string, string>? overrides,
        string code,
        bool usSpelling,
        SpellingTable spelling,
        Dictionary<string, string> facts,
        List<ContentProblem> problems)
    {
        string text;
        if (overrides is not null && overrides.TryGetValue(code, out var overridden))
        {
            text = overridden;
        }
        else if (usSpelling && textUs is not null)
        {
            text = textUs;
        }
        else
        {
            text = spelling.Apply(plainText);
        }

        // Placeholders are filled after spelling so the names and contacts of services stay as their sources give them.
        var rendered = Placeholder().Replace(text, match =>
        {
            var key = match.Groups[1].Value;
            if (facts.TryGetValue(key, out var value))
            {
                return value;
            }

            problems.Add(new ContentProblem(
                topic.File,
                $"replies[{replyKey}]",
                $"refers to {{{key}}}, which jurisdiction {code} does not have: add it to jurisdictions/{code}.yaml with a source, or give {code} an override"));
            return match.Value;
        });
        return rendered.Trim();
    }

    /// <summary>The values placeholders can take in one pack: country, role.field, law.id.field.</summary>
    private static Dictionary<string, string> FactsOf(JurisdictionDocument pack)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal) { ["country"] = pack.Name! };
        foreach (var (role, serviceId) in pack.Roles!)
        {
            foreach (var (field, value) in pack.Services![serviceId])
            {
                if (FactText(value) is { } text)
                {
                    facts[role + "." + field] = text;
                }
            }
        }

        foreach (var (key, fact) in pack.Facts ?? [])
        {
            if (fact.TryGetValue("text", out var value) && FactText(value) is { } text)
            {
                facts["fact." + key] = text;
            }
        }

        foreach (var (lawId, law) in pack.Laws ?? [])
        {
            foreach (var (field, value) in law)
            {
                if (FactText(value) is { } text)
                {
                    facts["law." + lawId + "." + field] = text;
                }
            }
        }

        return facts;
    }

    private static string? FactText(object? value) => value switch
    {
        string s when !string.IsNullOrWhiteSpace(s) => s.Trim(),
        _ => null,
    };

    private static Jurisdiction ToJurisdiction(JurisdictionDocument d) => new(
        d.Code!,
        d.Name!,
        d.Button ?? d.Name!,
        d.Locales ?? [],
        (d.Names ?? []).Select(n => n.ToLowerInvariant()).ToList(),
        string.Equals(d.Spelling, "us", StringComparison.OrdinalIgnoreCase));

    private static List<Loaded<TopicDocument>> ReadTopics(string root, List<ContentProblem> problems)
    {
        var topics = new List<Loaded<TopicDocument>>();
        var topicsDir = Path.Combine(root, "topics");
        var files = Directory.Exists(topicsDir)
            ? Directory.GetFiles(topicsDir, "*.yaml").Order(StringComparer.Ordinal).ToList()
            : [];
        var systemPath = Path.Combine(root, SystemFile);
        if (File.Exists(systemPath))
        {
            files.Add(systemPath);
        }
        else
        {
            problems.Add(new ContentProblem(SystemFile, "(file)", "missing: the error, clarify and country replies live here"));
        }

        foreach (var path in files)
        {
            var relative = Path.GetRelativePath(root, path);
            if (Read<TopicDocument>(path, relative, problems) is not { } doc)
            {
                continue;
            }

            var expectedId = path == systemPath ? TopicIds.System : Path.GetFileNameWithoutExtension(path);
            if (doc.Id != expectedId)
            {
                problems.Add(new ContentProblem(relative, "id", $"is '{doc.Id}' but must be '{expectedId}' (the file name)"));
                continue;
            }

            if (doc.Replies is not { Count: > 0 })
            {
                problems.Add(new ContentProblem(relative, "replies", "a topic needs at least one reply"));
                continue;
            }

            topics.Add(new Loaded<TopicDocument>(relative, doc));
        }

        foreach (var id in TopicIds.All.Where(id => topics.All(t => t.Document.Id != id)))
        {
            problems.Add(new ContentProblem($"topics/{id}.yaml", "(file)", "missing: every contract topic needs its file"));
        }

        var system = topics.FirstOrDefault(t => t.Document.Id == TopicIds.System);
        foreach (var reference in system is null ? [] : Conversation.SystemReplies.All)
        {
            var replyId = reference[(TopicIds.System.Length + 1)..];
            if (system!.Document.Replies!.All(r => r.Id != replyId))
            {
                problems.Add(new ContentProblem(system.File, $"replies[{replyId}]", "missing: the engine sends this reply"));
            }
        }

        foreach (var topic in topics.Where(t => t.Document.Id != TopicIds.System && string.IsNullOrWhiteSpace(t.Document.Title)))
        {
            problems.Add(new ContentProblem(topic.File, "title", "missing: the short label shown when the bot asks which topic you mean"));
        }

        return topics;
    }

    private static List<Loaded<JurisdictionDocument>> ReadJurisdictions(string root, List<ContentProblem> problems)
    {
        var packs = new List<Loaded<JurisdictionDocument>>();
        var dir = Path.Combine(root, "jurisdictions");
        var files = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.yaml") : [];
        foreach (var path in files.Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, path);
            if (Read<JurisdictionDocument>(path, relative, problems) is { } doc)
            {
                packs.Add(new Loaded<JurisdictionDocument>(relative, doc));
            }
        }

        if (packs.All(p => p.Document.Code != Jurisdiction.InternationalCode))
        {
            problems.Add(new ContentProblem("jurisdictions/INT.yaml", "(file)", "missing: the international fallback pack serves everyone whose country has no pack"));
        }

        return packs;
    }

    private static SpellingTable ReadSpelling(string root, string locale, List<ContentProblem> problems)
    {
        var path = Path.Combine(root, "spelling", locale + ".yaml");
        if (!File.Exists(path))
        {
            return SpellingTable.Empty;
        }

        var relative = Path.GetRelativePath(root, path);
        var doc = Read<SpellingDocument>(path, relative, problems);
        return doc?.Pairs is { Count: > 0 } pairs ? new SpellingTable(pairs) : SpellingTable.Empty;
    }

    private static T? Read<T>(string path, string relative, List<ContentProblem> problems)
        where T : class
    {
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            var doc = Yaml.Deserialize<T>(reader);
            if (doc is null)
            {
                problems.Add(new ContentProblem(relative, "(file)", "is empty"));
            }

            return doc;
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            problems.Add(new ContentProblem(relative, $"line {e.Start.Line}", message));
            return null;
        }
    }

    private static void CheckTopicsAndLinks(List<Loaded<TopicDocument>> topics, List<ContentProblem> problems)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        var entryOf = topics.ToDictionary(t => t.Document.Id!, t => t.Document.Id + "/" + t.Document.Replies![0].Id, StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (reply, index) in topic.Document.Replies!.Select((r, i) => (r, i)))
            {
                var key = $"replies[{reply.Id ?? index.ToString(CultureInfo.InvariantCulture)}]";
                if (string.IsNullOrWhiteSpace(reply.Id) || !ReplyId().IsMatch(reply.Id))
                {
                    problems.Add(new ContentProblem(topic.File, key, "needs an id of lower-case letters, digits and hyphens"));
                    continue;
                }

                if (!seen.Add(reply.Id))
                {
                    problems.Add(new ContentProblem(topic.File, key, "duplicate reply id"));
                }

                if (string.IsNullOrWhiteSpace(reply.Text))
                {
                    problems.Add(new ContentProblem(topic.File, key, "needs a text"));
                }

                foreach (var text in AllTexts(reply))
                {
                    if (text.Contains("child porn", StringComparison.OrdinalIgnoreCase))
                    {
                        problems.Add(new ContentProblem(topic.File, key, "say \"child sexual abuse material\", never \"child pornography\""));
                    }
                }

                foreach (var action in AllActions(reply))
                {
                    if (string.IsNullOrWhiteSpace(action.Title) || string.IsNullOrWhiteSpace(action.Goto))
                    {
                        problems.Add(new ContentProblem(topic.File, key + ".actions", "every button needs a title and a goto"));
                    }
                }

                CheckVariants(topic.File, key, reply, problems);
                known.Add(topic.Document.Id + "/" + reply.Id);
            }
        }

        // Entry replies are reachable by routing; every other reply must be the target of some button.
        var reachable = entryOf.Values.ToHashSet(StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            foreach (var reply in topic.Document.Replies!)
            {
                foreach (var action in AllActions(reply))
                {
                    if (action.Goto is null)
                    {
                        continue;
                    }

                    var target = entryOf.TryGetValue(action.Goto, out var entry) ? entry : action.Goto;
                    if (!known.Contains(target))
                    {
                        problems.Add(new ContentProblem(topic.File, $"replies[{reply.Id}].actions[{action.Title}]", $"goto '{action.Goto}' leads nowhere (dangling follow-up)"));
                    }

                    reachable.Add(target);
                }
            }
        }

        foreach (var topic in topics.Where(t => t.Document.Id != TopicIds.System))
        {
            foreach (var reply in topic.Document.Replies!.Where(r => r.Id is not null && !reachable.Contains(topic.Document.Id + "/" + r.Id)))
            {
                problems.Add(new ContentProblem(topic.File, $"replies[{reply.Id}]", "unreachable: no button leads here"));
            }
        }
    }

    private static void CheckVariants(string file, string key, ReplyDocument reply, List<ContentProblem> problems)
    {
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (variant, index) in (reply.Variants ?? []).Select((v, i) => (v, i)))
        {
            var variantKey = $"{key}.variants[{index}]";
            if (variant.For is not { Count: > 0 })
            {
                problems.Add(new ContentProblem(file, variantKey + ".for", "needs at least one role id: " + string.Join(", ", SpeakerRoles.KnownIds)));
                variant.For = [];
            }

            foreach (var roleId in variant.For)
            {
                if (!SpeakerRoles.TryParse(roleId, out _))
                {
                    problems.Add(new ContentProblem(file, variantKey + ".for", $"'{roleId}' is not a role id; use one of: {string.Join(", ", SpeakerRoles.KnownIds)}"));
                }
                else if (!claimed.Add(roleId))
                {
                    problems.Add(new ContentProblem(file, variantKey + ".for", $"'{roleId}' is already in another variant of this reply: a role may appear in one variant per reply"));
                }
            }

            if (string.IsNullOrWhiteSpace(variant.Text))
            {
                problems.Add(new ContentProblem(file, variantKey, "needs a text"));
            }
        }
    }

    /// <summary>The reply's buttons and every variant's own buttons.</summary>
    private static IEnumerable<ActionDocument> AllActions(ReplyDocument reply) =>
        (reply.Actions ?? []).Concat((reply.Variants ?? []).SelectMany(v => v.Actions ?? []));

    private static IEnumerable<string> AllTexts(ReplyDocument reply)
    {
        if (reply.Text is not null)
        {
            yield return reply.Text;
        }

        if (reply.TextUs is not null)
        {
            yield return reply.TextUs;
        }

        foreach (var text in reply.Overrides?.Values ?? Enumerable.Empty<string>())
        {
            yield return text;
        }

        foreach (var variant in reply.Variants ?? [])
        {
            foreach (var text in new[] { variant.Text, variant.TextUs }.Concat(variant.Overrides?.Values ?? Enumerable.Empty<string>()))
            {
                if (text is not null)
                {
                    yield return text;
                }
            }
        }
    }

    private static void CheckJurisdictions(List<Loaded<JurisdictionDocument>> packs, List<ContentProblem> problems)
    {
        var locales = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var allRoles = packs.SelectMany(p => p.Document.Roles?.Keys ?? Enumerable.Empty<string>()).ToHashSet(StringComparer.Ordinal);
        var allLaws = packs.SelectMany(p => p.Document.Laws?.Keys ?? Enumerable.Empty<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var (file, pack) in packs)
        {
            var expected = Path.GetFileNameWithoutExtension(file);
            if (pack.Code != expected)
            {
                problems.Add(new ContentProblem(file, "code", $"is '{pack.Code}' but must be '{expected}' (the file name)"));
            }

            foreach (var (field, value) in new[] { ("name", pack.Name), ("button", pack.Button) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    problems.Add(new ContentProblem(file, field, "is required"));
                }
            }

            if (pack.Spelling is not ("uk" or "us" or "ca"))
            {
                problems.Add(new ContentProblem(file, "spelling", "must be 'uk', 'us' or 'ca'"));
            }

            foreach (var locale in pack.Locales ?? [])
            {
                if (!locales.TryAdd(locale, file))
                {
                    problems.Add(new ContentProblem(file, "locales", $"'{locale}' is already claimed by {locales[locale]}"));
                }
            }

            var services = pack.Services ?? [];
            foreach (var (id, service) in services)
            {
                CheckFact(file, $"services.{id}", service, ["name", "contact"], problems);
            }

            foreach (var (id, law) in pack.Laws ?? [])
            {
                CheckFact(file, $"laws.{id}", law, ["name", "scope", "summary"], problems);
            }

            foreach (var (id, fact) in pack.Facts ?? [])
            {
                CheckFact(file, $"facts.{id}", fact, ["text", "applies_to"], problems);
            }

            var roles = pack.Roles ?? [];
            foreach (var (role, serviceId) in roles)
            {
                if (!services.ContainsKey(serviceId))
                {
                    problems.Add(new ContentProblem(file, $"roles.{role}", $"names service '{serviceId}', which is not in services"));
                }
            }

            foreach (var missing in allRoles.Where(r => !roles.ContainsKey(r)))
            {
                problems.Add(new ContentProblem(file, "roles", $"lacks '{missing}', which other jurisdictions fill: every pack fills the same roles"));
            }

            foreach (var missing in allLaws.Where(l => pack.Laws is null || !pack.Laws.ContainsKey(l)))
            {
                problems.Add(new ContentProblem(file, "laws", $"lacks '{missing}', which other jurisdictions have"));
            }
        }

    }

    private static void CheckFact(string file, string key, FactDocument fact, string[] required, List<ContentProblem> problems)
    {
        foreach (var field in required.Concat(FactRequiredFields))
        {
            if (!fact.TryGetValue(field, out var value) || value is null || (value is string s && string.IsNullOrWhiteSpace(s)))
            {
                problems.Add(new ContentProblem(file, $"{key}.{field}", "is required: every fact carries its source and the date it was last verified"));
            }
        }

        foreach (var (field, value) in fact)
        {
            var texts = value switch
            {
                string s => [s],
                List<object> list => list.Select(o => o?.ToString() ?? string.Empty).ToArray(),
                _ => Array.Empty<string>(),
            };
            foreach (var text in texts)
            {
                if (text.Contains("UNVERIFIED", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(new ContentProblem(file, $"{key}.{field}", "is marked UNVERIFIED: unverified facts are not shipped"));
                }

                if (field == "source" && !text.StartsWith("https://", StringComparison.Ordinal) && !text.StartsWith("http://", StringComparison.Ordinal))
                {
                    problems.Add(new ContentProblem(file, $"{key}.source", $"'{text}' is not a URL"));
                }
            }
        }

        if (fact.TryGetValue("verified", out var verified) && verified is string date
            && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add(new ContentProblem(file, $"{key}.verified", $"'{date}' is not a date (yyyy-mm-dd)"));
        }
    }

    [GeneratedRegex(@"\{([a-z]+(?:\.[a-z0-9-]+)+|country)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex ReplyId();

    private sealed record Loaded<T>(string File, T Document);
}
