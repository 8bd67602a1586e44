using System.Collections.Frozen;
using PreventionBot.Core.Conversation;

namespace PreventionBot.Core.Content;

/// <summary>
/// Every reply rendered for every jurisdiction, built once at start-up by <see cref="ContentLoader"/>,
/// so a turn only looks replies up and never parses or formats content.
/// </summary>
public sealed class BotContent
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, BotReply>> _repliesByJurisdiction;
    private readonly FrozenDictionary<string, FrozenDictionary<(string Ref, SpeakerRole Role), BotReply>> _variantsByJurisdiction;
    private readonly FrozenDictionary<string, string> _entryReplyByTopic;
    private readonly FrozenDictionary<string, Jurisdiction> _byCode;
    private readonly FrozenDictionary<string, Jurisdiction> _byLocale;
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _topicTitles;

    internal BotContent(
        IReadOnlyList<Jurisdiction> jurisdictions,
        Dictionary<string, Dictionary<string, BotReply>> repliesByJurisdiction,
        Dictionary<string, string> entryReplyByTopic,
        Dictionary<string, Dictionary<string, string>> topicTitles,
        Dictionary<string, Dictionary<(string Ref, SpeakerRole Role), BotReply>>? variantsByJurisdiction = null)
    {
        Jurisdictions = jurisdictions;
        _variantsByJurisdiction = jurisdictions.ToFrozenDictionary(
            j => j.Code,
            j => variantsByJurisdiction is not null && variantsByJurisdiction.TryGetValue(j.Code, out var v)
                ? v.ToFrozenDictionary()
                : FrozenDictionary<(string Ref, SpeakerRole Role), BotReply>.Empty);
        International = jurisdictions.Single(j => j.IsInternational);
        _repliesByJurisdiction = repliesByJurisdiction.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenDictionary());
        _entryReplyByTopic = entryReplyByTopic.ToFrozenDictionary();
        _byCode = jurisdictions.ToFrozenDictionary(j => j.Code, StringComparer.OrdinalIgnoreCase);
        _byLocale = jurisdictions
            .SelectMany(j => j.Locales.Select(l => (Locale: l, Jurisdiction: j)))
            .ToFrozenDictionary(p => p.Locale, p => p.Jurisdiction, StringComparer.OrdinalIgnoreCase);
        _topicTitles = topicTitles.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenDictionary());
        // The international pack's names are countries without a pack of their own ("Deutschland", "im in new zealand"):
        // said, they choose it, where before they were not understood. They come after every country's own names, so
        // "i'm from south africa but i live in the uk" is still the UK.
        CountryNamesLongestFirst = [.. jurisdictions
            .SelectMany(j => j.Names.Select(n => (Name: n, Jurisdiction: j)))
            .OrderBy(p => p.Jurisdiction.IsInternational)
            .ThenByDescending(p => p.Name.Length)];
    }

    /// <summary>All packs, the international fallback included.</summary>
    public IReadOnlyList<Jurisdiction> Jurisdictions { get; }

    public Jurisdiction International { get; }

    public IEnumerable<Jurisdiction> Countries => Jurisdictions.Where(j => !j.IsInternational);

    /// <summary>Every name a user may type for a country, longest first so the most specific one matches; the
    /// international pack's names last.</summary>
    public IReadOnlyList<(string Name, Jurisdiction Jurisdiction)> CountryNamesLongestFirst { get; }

    public Jurisdiction? FindByCode(string? code) =>
        code is not null && _byCode.TryGetValue(code, out var j) ? j : null;

    /// <summary>The pack for a BCP-47 locale such as <c>en-GB</c>, or null when none claims it.</summary>
    public Jurisdiction? FindByLocale(string? locale) =>
        locale is not null && _byLocale.TryGetValue(locale, out var j) ? j : null;

    /// <summary>A reply by "topic" (its entry reply) or "topic/reply", with its default text (no known reader).</summary>
    public bool TryGetReply(Jurisdiction jurisdiction, string reference, out BotReply reply) =>
        TryGetReply(jurisdiction, reference, SpeakerRole.Unknown, out reply);

    /// <summary>
    /// A reply by "topic" or "topic/reply" as written for <paramref name="role"/>: the variant that names the role,
    /// else the reply's default text. Either way the reply keeps its own topic and reply id.
    /// </summary>
    public bool TryGetReply(Jurisdiction jurisdiction, string reference, SpeakerRole role, out BotReply reply)
    {
        var replies = _repliesByJurisdiction[jurisdiction.Code];
        if (!reference.Contains('/', StringComparison.Ordinal)
            && _entryReplyByTopic.TryGetValue(reference, out var entry))
        {
            reference = entry;
        }

        if (role != SpeakerRole.Unknown && _variantsByJurisdiction[jurisdiction.Code].TryGetValue((reference, role), out var variant))
        {
            reply = variant;
            return true;
        }

        return replies.TryGetValue(reference, out reply!);
    }

    public BotReply GetReply(Jurisdiction jurisdiction, string reference) =>
        GetReply(jurisdiction, reference, SpeakerRole.Unknown);

    public BotReply GetReply(Jurisdiction jurisdiction, string reference, SpeakerRole role) =>
        TryGetReply(jurisdiction, reference, role, out var reply)
            ? reply
            : throw new KeyNotFoundException($"No reply '{reference}' for {jurisdiction.Code}.");

    /// <summary>The short label of a topic, for clarifying-question buttons.</summary>
    public string TopicTitle(Jurisdiction jurisdiction, string topicId) =>
        _topicTitles[jurisdiction.Code].TryGetValue(topicId, out var title) ? title : topicId;
}
