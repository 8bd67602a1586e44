using System.Collections.Frozen;

namespace PreventionBot.Core.Content;

/// <summary>
/// Every reply rendered for every jurisdiction, built once at start-up by <see cref="ContentLoader"/>,
/// so a turn only looks replies up and never parses or formats content.
/// </summary>
public sealed class BotContent
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, BotReply>> _repliesByJurisdiction;
    private readonly FrozenDictionary<string, string> _entryReplyByTopic;
    private readonly FrozenDictionary<string, Jurisdiction> _byCode;
    private readonly FrozenDictionary<string, Jurisdiction> _byLocale;
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _topicTitles;

    internal BotContent(
        IReadOnlyList<Jurisdiction> jurisdictions,
        Dictionary<string, Dictionary<string, BotReply>> repliesByJurisdiction,
        Dictionary<string, string> entryReplyByTopic,
        Dictionary<string, Dictionary<string, string>> topicTitles)
    {
        Jurisdictions = jurisdictions;
        International = jurisdictions.Single(j => j.IsInternational);
        _repliesByJurisdiction = repliesByJurisdiction.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenDictionary());
        _entryReplyByTopic = entryReplyByTopic.ToFrozenDictionary();
        _byCode = jurisdictions.ToFrozenDictionary(j => j.Code, StringComparer.OrdinalIgnoreCase);
        _byLocale = jurisdictions
            .SelectMany(j => j.Locales.Select(l => (Locale: l, Jurisdiction: j)))
            .ToFrozenDictionary(p => p.Locale, p => p.Jurisdiction, StringComparer.OrdinalIgnoreCase);
        _topicTitles = topicTitles.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenDictionary());
        CountryNamesLongestFirst = [.. jurisdictions
            .Where(j => !j.IsInternational)
            .SelectMany(j => j.Names.Select(n => (Name: n, Jurisdiction: j)))
            .OrderByDescending(p => p.Name.Length)];
    }

    /// <summary>All packs, the international fallback included.</summary>
    public IReadOnlyList<Jurisdiction> Jurisdictions { get; }

    public Jurisdiction International { get; }

    public IEnumerable<Jurisdiction> Countries => Jurisdictions.Where(j => !j.IsInternational);

    /// <summary>Every name a user may type for a country, longest first so the most specific one matches.</summary>
    public IReadOnlyList<(string Name, Jurisdiction Jurisdiction)> CountryNamesLongestFirst { get; }

    public Jurisdiction? FindByCode(string? code) =>
        code is not null && _byCode.TryGetValue(code, out var j) ? j : null;

    /// <summary>The pack for a BCP-47 locale such as <c>en-GB</c>, or null when none claims it.</summary>
    public Jurisdiction? FindByLocale(string? locale) =>
        locale is not null && _byLocale.TryGetValue(locale, out var j) ? j : null;

    /// <summary>A reply by "topic" (its entry reply) or "topic/reply".</summary>
    public bool TryGetReply(Jurisdiction jurisdiction, string reference, out BotReply reply)
    {
        var replies = _repliesByJurisdiction[jurisdiction.Code];
        if (!reference.Contains('/', StringComparison.Ordinal)
            && _entryReplyByTopic.TryGetValue(reference, out var entry))
        {
            reference = entry;
        }

        return replies.TryGetValue(reference, out reply!);
    }

    public BotReply GetReply(Jurisdiction jurisdiction, string reference) =>
        TryGetReply(jurisdiction, reference, out var reply)
            ? reply
            : throw new KeyNotFoundException($"No reply '{reference}' for {jurisdiction.Code}.");

    // Placeholder until audience variants land from the content branch: every role sees the default text.
    public bool TryGetReply(Jurisdiction jurisdiction, string reference, Conversation.SpeakerRole role, out BotReply reply) =>
        TryGetReply(jurisdiction, reference, out reply);

    public BotReply GetReply(Jurisdiction jurisdiction, string reference, Conversation.SpeakerRole role) =>
        GetReply(jurisdiction, reference);

    /// <summary>The short label of a topic, for clarifying-question buttons.</summary>
    public string TopicTitle(Jurisdiction jurisdiction, string topicId) =>
        _topicTitles[jurisdiction.Code].TryGetValue(topicId, out var title) ? title : topicId;
}
