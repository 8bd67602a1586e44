using System.Globalization;
using System.Text.RegularExpressions;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Core.Content;

/// <summary>
/// The second of the loader's three jobs: check what was read, the way a content reviewer needs it (file
/// and key for every mistake). Checks that need a country's facts (placeholders, hours, audiences) run
/// while rendering, in <see cref="ContentRenderer"/>.
/// </summary>
internal static partial class ContentValidator
{
    /// <summary>Fields every service, law and fact carries besides its own.</summary>
    private static readonly string[] SourceFields = ["source", "verified"];

    /// <summary>
    /// The fields a service, a law and a fact may have. Anything else is a typo ("sauce:") and an error, so it
    /// never passes silently; dialogs/schema/jurisdiction.schema.json lists the same fields for editors.
    /// </summary>
    public static readonly IReadOnlyList<string> ServiceFields =
        ["name", "contact", "audience", "confidentiality", "phone", "text", "web", "chat", "hours", "for", "source", "verified"];

    public static readonly IReadOnlyList<string> LawFields = ["name", "scope", "summary", "source", "verified"];

    public static readonly IReadOnlyList<string> FactFields = ["text", "applies_to", "source", "verified"];

    /// <summary>Values of a service's <c>audience</c>.</summary>
    public static readonly IReadOnlySet<string> Audiences = new HashSet<string>(StringComparer.Ordinal) { "under-18", "adult", "all" };

    /// <summary>Roles whose services people are told they can talk to in confidence: each must say what it passes on.</summary>
    private static readonly string[] RolesWithConfidentiality = ["prevention", "family", "selfhelp"];

    /// <summary>A fact's <c>verified</c> date older than this is a warning: check it again.</summary>
    private const int StaleAfterMonths = 12;

    public static void Check(ContentSource source, DateOnly today, List<ContentProblem> problems)
    {
        CheckTopics(source, problems);
        CheckLinks(source.Topics, problems);
        CheckPacks(source.Packs, today, problems);
    }

    /// <summary>Three-digit numbers the packs hold (999, 911, 112…): a reply must not write them out.</summary>
    public static IReadOnlySet<string> ShortNumbers(IEnumerable<Loaded<JurisdictionDocument>> packs)
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in packs.SelectMany(p => p.Document.Services?.Values ?? Enumerable.Empty<FactDocument>()))
        {
            foreach (var field in new[] { "phone", "text" })
            {
                if (service.TryGetValue(field, out var value) && value is string number
                    && ShortNumberValue().IsMatch(number))
                {
                    numbers.Add(number);
                }
            }
        }

        return numbers;
    }

    private static void CheckTopics(ContentSource source, List<ContentProblem> problems)
    {
        var topics = source.Topics;
        foreach (var id in TopicIds.All.Where(id => topics.All(t => t.Document.Id != id)))
        {
            problems.Add(new ContentProblem($"topics/{id}.yaml", "(file)", "missing: every contract topic needs its file"));
        }

        var system = topics.FirstOrDefault(t => t.Document.Id == TopicIds.System);
        foreach (var reference in system is null ? [] : SystemReplies.All)
        {
            var replyId = reference[(TopicIds.System.Length + 1)..];
            if (system!.Document.Replies!.All(r => r.Id != replyId))
            {
                problems.Add(new ContentProblem(system.File, $"replies[{replyId}]", "missing: the engine sends this reply"));
            }
        }

        var shortNumbers = ShortNumbers(source.Packs);
        foreach (var topic in topics)
        {
            if (topic.Document.Id != TopicIds.System && string.IsNullOrWhiteSpace(topic.Document.Title))
            {
                problems.Add(new ContentProblem(topic.File, "title", "missing: the short label shown when the bot asks which topic you mean"));
            }

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

                foreach (var (where, text) in Texts(reply))
                {
                    foreach (var message in ReplyTextRules.WordingProblems(text, shortNumbers))
                    {
                        problems.Add(new ContentProblem(topic.File, key + where, message));
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
            }

            foreach (var roleId in variant.For ?? [])
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

    private static void CheckLinks(IReadOnlyList<Loaded<TopicDocument>> topics, List<ContentProblem> problems)
    {
        var known = topics
            .SelectMany(t => t.Document.Replies!.Where(r => r.Id is not null).Select(r => t.Document.Id + "/" + r.Id))
            .ToHashSet(StringComparer.Ordinal);
        var entryOf = topics.ToDictionary(t => t.Document.Id!, t => t.Document.Id + "/" + t.Document.Replies![0].Id, StringComparer.Ordinal);

        // Entry replies are reachable by routing; every other reply must be the target of some button.
        var reachable = entryOf.Values.ToHashSet(StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            foreach (var reply in topic.Document.Replies!)
            {
                foreach (var action in AllActions(reply).Where(a => a.Goto is not null))
                {
                    var target = entryOf.TryGetValue(action.Goto!, out var entry) ? entry : action.Goto!;
                    if (!known.Contains(target))
                    {
                        problems.Add(new ContentProblem(topic.File, $"replies[{reply.Id}].actions[{action.Title}]", $"goto '{action.Goto}' leads nowhere (dangling follow-up)"));
                    }

                    // A second wording answers a question asked again; pressed as a button it would come before its reply.
                    if (Intents.AgainOf(target) is not null)
                    {
                        problems.Add(new ContentProblem(topic.File, $"replies[{reply.Id}].actions[{action.Title}]", $"goto '{action.Goto}' is a second wording, reached only by asking again"));
                    }

                    reachable.Add(target);
                }
            }
        }

        foreach (var topic in topics.Where(t => t.Document.Id != TopicIds.System))
        {
            foreach (var reply in topic.Document.Replies!.Where(r => r.Id is not null && !reachable.Contains(topic.Document.Id + "/" + r.Id)))
            {
                // A reply's second wording (Intents.AgainSuffix) is reached by asking the same thing again, not by a button.
                if (Intents.AgainOf(topic.Document.Id + "/" + reply.Id) is { } answered)
                {
                    if (!known.Contains(answered))
                    {
                        problems.Add(new ContentProblem(topic.File, $"replies[{reply.Id}]", $"is the second wording of '{answered}', which does not exist"));
                    }

                    continue;
                }

                problems.Add(new ContentProblem(topic.File, $"replies[{reply.Id}]", "unreachable: no button leads here"));
            }
        }
    }

    private static void CheckPacks(IReadOnlyList<Loaded<JurisdictionDocument>> packs, DateOnly today, List<ContentProblem> problems)
    {
        if (packs.All(p => p.Document.Code != Jurisdiction.InternationalCode))
        {
            problems.Add(new ContentProblem("jurisdictions/INT.yaml", "(file)", "missing: the international fallback pack serves everyone whose country has no pack"));
        }

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

            if (pack.Spelling is null || !ContentReader.SpellingFiles.ContainsKey(pack.Spelling))
            {
                problems.Add(new ContentProblem(file, "spelling", "must be one of: " + string.Join(", ", ContentReader.SpellingFiles.Keys)));
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
                CheckSourced(file, $"services.{id}", service, ["name", "contact", "audience"], ServiceFields, today, problems);
                CheckService(file, $"services.{id}", service, problems);
            }

            foreach (var (id, law) in pack.Laws ?? [])
            {
                CheckSourced(file, $"laws.{id}", law, ["name", "scope", "summary"], LawFields, today, problems);
            }

            foreach (var (id, fact) in pack.Facts ?? [])
            {
                CheckSourced(file, $"facts.{id}", fact, ["text", "applies_to"], FactFields, today, problems);
            }

            var roles = pack.Roles ?? [];
            foreach (var (role, serviceId) in roles)
            {
                if (!RoleName().IsMatch(role))
                {
                    problems.Add(new ContentProblem(file, $"roles.{role}", "a role is lower-case letters only, so {role.field} can name it"));
                }

                if (!services.TryGetValue(serviceId, out var service))
                {
                    problems.Add(new ContentProblem(file, $"roles.{role}", $"names service '{serviceId}', which is not in services"));
                }
                else if (RolesWithConfidentiality.Contains(role) && Text(service, "confidentiality") is null)
                {
                    problems.Add(new ContentProblem(file, $"services.{serviceId}.confidentiality", $"is required: the service is the '{role}' line, and people are told they can talk to it in confidence, so say what it passes on"));
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

    private static void CheckService(string file, string key, FactDocument service, List<ContentProblem> problems)
    {
        if (Text(service, "audience") is { } audience && !Audiences.Contains(audience))
        {
            problems.Add(new ContentProblem(file, key + ".audience", $"'{audience}' must be one of: {string.Join(", ", Audiences)}"));
        }

        // A contact that promises round-the-clock help needs hours a reviewer can check against the source.
        foreach (var field in new[] { "contact", "for" })
        {
            if (Text(service, field) is { } text && ReplyTextRules.ClaimsAvailability(text) && Text(service, "hours") is null
                && text.Contains("24", StringComparison.Ordinal))
            {
                problems.Add(new ContentProblem(file, $"{key}.hours", $"is required: {field} says the service is open round the clock, so give the hours its source states"));
            }
        }
    }

    private static void CheckSourced(
        string file, string key, FactDocument fact, string[] required, IReadOnlyList<string> allowed, DateOnly today, List<ContentProblem> problems)
    {
        foreach (var field in fact.Keys.Where(f => !allowed.Contains(f)))
        {
            problems.Add(new ContentProblem(file, $"{key}.{field}", $"is not a field here; use: {string.Join(", ", allowed)}"));
        }

        foreach (var field in required.Concat(SourceFields))
        {
            if (!fact.TryGetValue(field, out var value) || value is null || (value is string s && string.IsNullOrWhiteSpace(s))
                || (value is List<object> { Count: 0 }))
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

        if (fact.TryGetValue("verified", out var verified) && verified is string date)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                problems.Add(new ContentProblem(file, $"{key}.verified", $"'{date}' is not a date (yyyy-mm-dd)"));
            }
            else if (day.AddMonths(StaleAfterMonths) < today)
            {
                problems.Add(new ContentProblem(file, $"{key}.verified", $"was last checked on {date}, over {StaleAfterMonths} months ago: check it against its source again", ContentSeverity.Warning));
            }
            else if (day > today)
            {
                problems.Add(new ContentProblem(file, $"{key}.verified", $"'{date}' is in the future"));
            }
        }
    }

    /// <summary>The text of a free-form field, or null when it is missing, empty or not text.</summary>
    public static string? Text(FactDocument fact, string field) =>
        fact.TryGetValue(field, out var value) && value is string s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

    /// <summary>Every text a reply holds, with where it is (for the problem's key).</summary>
    private static IEnumerable<(string Where, string Text)> Texts(ReplyDocument reply)
    {
        if (reply.Text is not null)
        {
            yield return (string.Empty, reply.Text);
        }

        if (reply.TextUs is not null)
        {
            yield return (".text_us", reply.TextUs);
        }

        foreach (var (code, text) in reply.Overrides ?? [])
        {
            yield return ($".overrides.{code}", text);
        }

        foreach (var (variant, index) in (reply.Variants ?? []).Select((v, i) => (v, i)))
        {
            foreach (var (where, text) in new[] { (string.Empty, variant.Text), (".text_us", variant.TextUs) }
                .Concat((variant.Overrides ?? []).Select(o => ($".overrides.{o.Key}", (string?)o.Value))))
            {
                if (text is not null)
                {
                    yield return ($".variants[{index}]{where}", text);
                }
            }
        }

        foreach (var action in AllActions(reply).Where(a => a.Title is not null))
        {
            yield return ($".actions[{action.Title}]", action.Title!);
        }
    }

    /// <summary>The reply's buttons and every variant's own buttons.</summary>
    public static IEnumerable<ActionDocument> AllActions(ReplyDocument reply) =>
        (reply.Actions ?? []).Concat((reply.Variants ?? []).SelectMany(v => v.Actions ?? []));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex ReplyId();

    [GeneratedRegex("^[a-z]+$")]
    private static partial Regex RoleName();

    [GeneratedRegex(@"^\d(?:-?\d){2}$")]
    private static partial Regex ShortNumberValue();
}
