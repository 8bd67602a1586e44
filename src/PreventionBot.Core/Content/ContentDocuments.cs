namespace PreventionBot.Core.Content;

// The YAML files as written by content reviewers. Property names map to snake_case keys
// (text_us -> TextUs); an unknown key is a validation error, so a typo never passes silently.

internal sealed class TopicDocument
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public List<ReplyDocument>? Replies { get; set; }
}

internal sealed class ReplyDocument
{
    public string? Id { get; set; }
    public string? Text { get; set; }
    public string? TextUs { get; set; }
    public Dictionary<string, string>? Overrides { get; set; }
    public List<ActionDocument>? Actions { get; set; }
    public List<VariantDocument>? Variants { get; set; }
}

/// <summary>A reply's text for some audiences (<c>for:</c> holds <see cref="Conversation.SpeakerRole"/> ids).</summary>
internal sealed class VariantDocument
{
    public List<string>? For { get; set; }
    public string? Text { get; set; }
    public string? TextUs { get; set; }
    public Dictionary<string, string>? Overrides { get; set; }

    /// <summary>Null means "the reply's own buttons"; an empty list means no buttons.</summary>
    public List<ActionDocument>? Actions { get; set; }
}

internal sealed class ActionDocument
{
    public string? Title { get; set; }
    public string? Goto { get; set; }
}

internal sealed class JurisdictionDocument
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Button { get; set; }
    public List<string>? Locales { get; set; }
    public List<string>? Names { get; set; }
    public string? Spelling { get; set; }
    public Dictionary<string, FactDocument>? Services { get; set; }
    public Dictionary<string, string>? Roles { get; set; }
    public Dictionary<string, FactDocument>? Laws { get; set; }

    /// <summary>Sourced statements replies cite as <c>{fact.&lt;key&gt;}</c> (guidance, research findings).</summary>
    public Dictionary<string, FactDocument>? Facts { get; set; }
}

/// <summary>A service or a law: free-form fields plus the two every fact must carry.</summary>
internal sealed class FactDocument : Dictionary<string, object?>
{
}

internal sealed class SpellingDocument
{
    public Dictionary<string, string>? Pairs { get; set; }
}
