namespace PreventionBot.Core.Content;

/// <summary>One reply, fully rendered for one jurisdiction: the unit the conversation sends.</summary>
public sealed record BotReply(string TopicId, string ReplyId, string Text, IReadOnlyList<SuggestedAction> Actions)
{
    /// <summary>"topic/reply": how follow-up buttons and state refer to a reply.</summary>
    public string Ref => TopicId + "/" + ReplyId;
}

/// <summary>A follow-up button. <see cref="Value"/> comes back as a postBack: <c>#topic/reply</c> or <c>#country/CODE</c>.</summary>
public sealed record SuggestedAction(string Title, string Value);

/// <summary>A country (or the international fallback) with what the bot needs to pick it.</summary>
public sealed record Jurisdiction(
    string Code,
    string Name,
    string Button,
    IReadOnlyList<string> Locales,
    IReadOnlyList<string> Names,
    bool UsesUsSpelling)
{
    public const string InternationalCode = "INT";

    public bool IsInternational => Code == InternationalCode;

    /// <summary>The locale replies are tagged with when the user's own is unknown.</summary>
    public string DefaultLocale => Locales.Count > 0 ? Locales[0] : "en";
}

/// <summary>How bad a <see cref="ContentProblem"/> is: errors stop the bot from starting, warnings do not.</summary>
public enum ContentSeverity
{
    Error,

    /// <summary>Something a reviewer should look at soon (for example a fact not checked for a year).</summary>
    Warning,
}

/// <summary>A problem a content reviewer must fix, named by file and key.</summary>
public sealed record ContentProblem(string File, string Key, string Message, ContentSeverity Severity = ContentSeverity.Error)
{
    public bool IsWarning => Severity == ContentSeverity.Warning;

    public override string ToString() => IsWarning ? $"{File}: {Key}: warning: {Message}" : $"{File}: {Key}: {Message}";
}

public sealed class ContentException(IReadOnlyList<ContentProblem> problems)
    : Exception("dialogs/ has problems:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<ContentProblem> Problems { get; } = problems;
}
