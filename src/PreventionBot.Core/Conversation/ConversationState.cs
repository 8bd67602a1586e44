namespace PreventionBot.Core.Conversation;

/// <summary>
/// Everything the bot remembers about one conversation. By design it holds no message text: only where the
/// conversation is (the last reply shown) and which country's services to use.
/// </summary>
public sealed record ConversationState
{
    /// <summary>Bumped when the shape changes; a stored state of another version is discarded, not migrated.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Jurisdiction code (GB, US, …, INT) or null while unknown.</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>True once the user picked a country: their choice then beats the client's locale.</summary>
    public bool JurisdictionChosenByUser { get; init; }

    /// <summary>The country question is asked once per conversation, never again.</summary>
    public bool AskedForCountry { get; init; }

    /// <summary>"topic/reply" of the last reply sent, so typed button titles can be followed.</summary>
    public string? LastReply { get; init; }

    public int TurnCount { get; init; }

    public DateTimeOffset LastActivityUtc { get; init; }
}
