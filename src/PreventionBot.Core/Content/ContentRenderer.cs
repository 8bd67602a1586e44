using PreventionBot.Core.Conversation;

namespace PreventionBot.Core.Content;

/// <summary>
/// The third of the loader's three jobs: render every reply, and every audience variant, for every
/// jurisdiction (spelling, then placeholders), and check what only a rendering can show: a placeholder a
/// country cannot fill, a promise of "now" a service's hours do not support, "confidential" without the
/// service's own caveat, a reader sent to a service that is not for their age, an entry reply over
/// <see cref="ReplyTextRules.EntryReplyMaxWords"/> words. Tolerates broken input (already reported by
/// <see cref="ContentValidator"/>) so one run lists every problem.
/// </summary>
internal static class ContentRenderer
{
    private const string PostBackPrefix = "#";

    /// <summary>Topics whose default text is read by people worried about their own behaviour or seeking images.</summary>
    private static readonly string[] OffenderSideTopics = [TopicIds.Deterrence, TopicIds.SelfHelp];

    /// <summary>The rendered content, or null when anything could not be rendered.</summary>
    public static BotContent? Render(ContentSource source, List<ContentProblem> problems)
    {
        var packs = source.Packs.Where(p => p.Document.Code is not null && p.Document.Name is not null).ToList();
        var replies = new Dictionary<string, Dictionary<string, BotReply>>();
        var variants = new Dictionary<string, Dictionary<(string Ref, SpeakerRole Role), BotReply>>();
        var titles = new Dictionary<string, Dictionary<string, string>>();
        foreach (var pack in packs)
        {
            var country = new Country(pack, source.Spellings.GetValueOrDefault(pack.Document.Spelling ?? string.Empty, SpellingTable.Empty));
            var rendered = new Dictionary<string, BotReply>(StringComparer.Ordinal);
            var renderedVariants = new Dictionary<(string Ref, SpeakerRole Role), BotReply>();
            var topicTitles = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var topic in source.Topics)
            {
                if (topic.Document.Title is { } title)
                {
                    topicTitles[topic.Document.Id!] = country.Spelling.Apply(title);
                }

                foreach (var (reply, index) in topic.Document.Replies!.Select((r, i) => (r, i)))
                {
                    if (reply.Id is null || reply.Text is null)
                    {
                        continue;
                    }

                    var isEntry = index == 0 && topic.Document.Id != TopicIds.System;
                    var key = $"replies[{reply.Id}]";
                    var defaultIsOffenderSide = OffenderSideTopics.Contains(topic.Document.Id);
                    var text = RenderText(topic.File, key, reply.Text, reply.TextUs, reply.Overrides, country, isEntry, audience: [], defaultIsOffenderSide, problems);
                    var actions = RenderActions(reply.Actions, country.Spelling);
                    var botReply = new BotReply(topic.Document.Id!, reply.Id, text, actions);
                    rendered[botReply.Ref] = botReply;

                    foreach (var (variant, v) in (reply.Variants ?? []).Select((x, i) => (x, i)))
                    {
                        if (variant.Text is null)
                        {
                            continue;
                        }

                        var roles = (variant.For ?? [])
                            .Select(id => SpeakerRoles.TryParse(id, out var role) ? role : SpeakerRole.Unknown)
                            .Where(r => r != SpeakerRole.Unknown)
                            .ToList();
                        var variantText = RenderText(topic.File, $"{key}.variants[{v}]", variant.Text, variant.TextUs, variant.Overrides, country, isEntry, roles, roles.Any(r => r.IsOffenderSide()), problems);
                        var variantReply = botReply with
                        {
                            Text = variantText,
                            Actions = variant.Actions is null ? actions : RenderActions(variant.Actions, country.Spelling),
                        };
                        foreach (var role in roles)
                        {
                            renderedVariants[(botReply.Ref, role)] = variantReply;
                        }
                    }
                }
            }

            // A narrower role reads the broader role's variant of any reply that has none of its own.
            foreach (var ((reference, role), reply) in renderedVariants.ToList())
            {
                foreach (var narrower in SpeakerRoles.Known.Where(n => n.Broader() == role))
                {
                    renderedVariants.TryAdd((reference, narrower), reply);
                }
            }

            replies[country.Code] = rendered;
            variants[country.Code] = renderedVariants;
            titles[country.Code] = topicTitles;
        }

        if (problems.Any(p => !p.IsWarning)
            || packs.Count(p => p.Document.Code == Jurisdiction.InternationalCode) != 1)
        {
            return null;
        }

        var jurisdictions = packs.Select(p => ToJurisdiction(p.Document)).ToList();
        var entries = source.Topics.ToDictionary(t => t.Document.Id!, t => t.Document.Id + "/" + t.Document.Replies![0].Id);
        return new BotContent(jurisdictions, replies, entries, titles, variants);
    }

    private static string RenderText(
        string file,
        string key,
        string text,
        string? textUs,
        Dictionary<string, string>? overrides,
        Country country,
        bool isEntry,
        IReadOnlyList<SpeakerRole> audience,
        bool offenderSide,
        List<ContentProblem> problems)
    {
        // Spelling before placeholders, so service names and contacts stay exactly as their sources give them.
        var template = overrides is not null && overrides.TryGetValue(country.Code, out var overridden) ? overridden
            : country.UsesUsSpelling && textUs is not null ? textUs
            : country.Spelling.Apply(text);

        CheckPromises(file, key, template, country, problems);
        CheckAudience(file, key, template, country, audience, problems);

        var rendered = ReplyTextRules.Fill(template, country.Value, missing => problems.Add(new ContentProblem(
            file,
            key,
            $"refers to {{{missing}}}, which jurisdiction {country.Code} does not have: add it to jurisdictions/{country.Code}.yaml with a source, or give {country.Code} an override"))).Trim();

        // A service's confidentiality caveat ("they pass on details of a crime") is not a warning about the law.
        if (offenderSide && !template.Contains("{crisis.", StringComparison.Ordinal)
            && ReplyTextRules.Warns(ReplyTextRules.Fill(template, k => k.EndsWith(".confidentiality", StringComparison.Ordinal) ? string.Empty : country.Value(k), _ => { })))
        {
            problems.Add(new ContentProblem(file, key, $"warns about the law (as rendered for {country.Code}) to someone worried about their own behaviour, with no crisis line: add **{{crisis.name}}**: {{crisis.contact}} (domain.md 4.7)"));
        }

        var words = ReplyTextRules.CountWords(rendered);
        if (isEntry && words > ReplyTextRules.EntryReplyMaxWords)
        {
            problems.Add(new ContentProblem(file, key, $"has {words} words as rendered for {country.Code}; a first reply has at most {ReplyTextRules.EntryReplyMaxWords}: move details one button deeper"));
        }

        return rendered;
    }

    /// <summary>"now"/"24/7" only for services open round the clock; "confidential" only with the service's caveat.</summary>
    private static void CheckPromises(string file, string key, string template, Country country, List<ContentProblem> problems)
    {
        foreach (var line in ReplyTextRules.Lines(template).Where(ReplyTextRules.ClaimsAvailability))
        {
            foreach (var role in ReplyTextRules.RolesIn(line).Distinct(StringComparer.Ordinal))
            {
                if (country.Service(role) is { } service && !ReplyTextRules.AlwaysOpen(ContentValidator.Text(service.Fact, "hours")))
                {
                    var hours = ContentValidator.Text(service.Fact, "hours") is { } h ? $"its hours are '{h}'" : "no hours are verified for it";
                    problems.Add(new ContentProblem(file, key, $"says {{{role}}} is there now, today or round the clock, but in {country.Code} that is {service.Name} and {hours}: drop the promise or name a service that is always open"));
                }
            }
        }

        // A line says "confidential" in its own words or through a pack value it shows (a service's contact);
        // the caveats themselves do not count.
        var saying = ReplyTextRules.Lines(template)
            .Where(line => ReplyTextRules.SaysConfidential(ReplyTextRules.Fill(
                line,
                key => key.EndsWith(".confidentiality", StringComparison.Ordinal) ? string.Empty : country.Value(key),
                _ => { })))
            .ToList();
        if (saying.Count == 0)
        {
            return;
        }

        var caveats = ReplyTextRules.PlaceholderKeys(template)
            .Where(k => k.EndsWith(".confidentiality", StringComparison.Ordinal))
            .Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)])
            .ToHashSet(StringComparer.Ordinal);
        var promised = saying
            .SelectMany(ReplyTextRules.RolesIn)
            .Where(r => country.Service(r) is not null)
            .ToHashSet(StringComparer.Ordinal);
        if (promised.Count == 0 && caveats.Count == 0)
        {
            problems.Add(new ContentProblem(file, key, $"says \"confidential\" with no caveat for {country.Code}: add the service's {{<role>.confidentiality}}, which says what it passes on"));
        }

        foreach (var role in promised.Where(r => !caveats.Contains(r)))
        {
            problems.Add(new ContentProblem(file, key, $"calls {{{role}}} confidential but does not show {{{role}.confidentiality}}, what {country.Service(role)!.Name} passes on in {country.Code}"));
        }
    }

    /// <summary>
    /// A young person is never sent to an adults-only service, and an adult speaking for themselves
    /// (survivor, self, seeker) never to a service only for under-18s. Parents and professionals may pass
    /// a children's service on, so their variants are not checked.
    /// </summary>
    private static void CheckAudience(string file, string key, string template, Country country, IReadOnlyList<SpeakerRole> audience, List<ContentProblem> problems)
    {
        foreach (var reader in audience)
        {
            var refused = reader.IsUnder18() ? "adult"
                : reader is SpeakerRole.Survivor or SpeakerRole.Seeker || reader.IsSelf() ? "under-18"
                : null;
            if (refused is null)
            {
                continue;
            }

            foreach (var role in ReplyTextRules.RolesIn(template).Distinct(StringComparer.Ordinal))
            {
                if (country.Service(role) is { } service && ContentValidator.Text(service.Fact, "audience") == refused)
                {
                    problems.Add(new ContentProblem(file, key, $"sends {reader.ToId()} readers to {{{role}}}, which in {country.Code} is {service.Name}, a service for {refused} only"));
                }
            }
        }
    }

    private static List<SuggestedAction> RenderActions(List<ActionDocument>? actions, SpellingTable spelling) =>
        (actions ?? [])
            .Where(a => a.Title is not null && a.Goto is not null)
            .Select(a => new SuggestedAction(spelling.Apply(a.Title!), PostBackPrefix + a.Goto!))
            .ToList();

    private static Jurisdiction ToJurisdiction(JurisdictionDocument d) => new(
        d.Code!,
        d.Name!,
        d.Button ?? d.Name!,
        d.Locales ?? [],
        (d.Names ?? []).Select(n => n.ToLowerInvariant()).ToList(),
        d.Spelling == "us");

    private sealed record RoleService(string Name, FactDocument Fact);

    /// <summary>One pack as the renderer needs it: its placeholder values and the service behind each role.</summary>
    private sealed class Country
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
        private readonly Dictionary<string, RoleService> _services = new(StringComparer.Ordinal);

        public Country(Loaded<JurisdictionDocument> pack, SpellingTable spelling)
        {
            var doc = pack.Document;
            Code = doc.Code!;
            Spelling = spelling;
            UsesUsSpelling = doc.Spelling == "us";
            _values["country"] = doc.Name!;
            foreach (var (role, serviceId) in doc.Roles ?? [])
            {
                if (doc.Services is null || !doc.Services.TryGetValue(serviceId, out var service))
                {
                    continue;
                }

                _services[role] = new RoleService(ContentValidator.Text(service, "name") ?? serviceId, service);
                AddFields(role, service);
            }

            foreach (var (lawId, law) in doc.Laws ?? [])
            {
                AddFields("law." + lawId, law);
            }

            foreach (var (factKey, fact) in doc.Facts ?? [])
            {
                if (ContentValidator.Text(fact, "text") is { } text)
                {
                    _values["fact." + factKey] = text;
                }
            }
        }

        public string Code { get; }

        public SpellingTable Spelling { get; }

        /// <summary>True for <c>spelling: us</c>: the pack uses a reply's hand-written <c>text_us</c>.</summary>
        public bool UsesUsSpelling { get; }

        public string? Value(string key) => _values.GetValueOrDefault(key);

        public RoleService? Service(string role) => _services.GetValueOrDefault(role);

        private void AddFields(string prefix, FactDocument fields)
        {
            foreach (var (field, value) in fields)
            {
                if (value is string s && !string.IsNullOrWhiteSpace(s))
                {
                    _values[prefix + "." + field] = s.Trim();
                }
            }
        }
    }
}
