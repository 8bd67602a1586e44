namespace PreventionBot.Core.Conversation;

/// <summary>
/// Everything the bot remembers about one conversation. By design it holds no message text: only where the
/// conversation is (the last replies shown, any safety mode), who is speaking (a role id) and which
/// country's services to use.
/// </summary>
public sealed record ConversationState
{
    /// <summary>Bumped when the shape changes; a stored state of another version is discarded, not migrated.</summary>
    public const int CurrentSchemaVersion = 2;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Jurisdiction code (GB, US, …, INT) or null while unknown.</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>True once the user picked a country: their choice then beats the client's locale.</summary>
    public bool JurisdictionChosenByUser { get; init; }

    /// <summary>The country question is asked once per conversation, never again.</summary>
    public bool AskedForCountry { get; init; }

    /// <summary>"topic/reply" of the last reply sent, so typed button titles and follow-ups ("now what")
    /// are read against it, and so the same reply is never sent twice in a row.</summary>
    public string? LastReply { get; init; }

    /// <summary>The jurisdiction <see cref="LastReply"/> was shown for. After "I'm in the UK" the same reply is written
    /// with other services, so asking for it again is not a repeat.</summary>
    public string? LastReplyJurisdiction { get; init; }

    /// <summary>The housekeeping reply (<see cref="SystemReplies"/>) the last turn ended with, if it did: a second
    /// clarifying question in a row is worded differently.</summary>
    public string? LastSystemReply { get; init; }

    /// <summary>The reply before <see cref="LastReply"/>, for "back".</summary>
    public string? PreviousReply { get; init; }

    /// <summary>Who is speaking, as a role id (<see cref="SpeakerRoles"/>), or null while unknown.</summary>
    public string? Role { get; init; }

    /// <summary>The safety mode the conversation is in, and which part of it: "crisis", "crisis/someone-else" (another
    /// person's life is at risk), "emergency" or "emergency/coming" (help has been called). Until the person clearly
    /// moves on, every turn keeps those numbers in front of them. Null otherwise.</summary>
    public string? SafetyMode { get; init; }

    public int TurnCount { get; init; }

    public DateTimeOffset LastActivityUtc { get; init; }

    /// <summary>
    /// The store's version of this state when it was loaded (0: nothing stored yet). A save succeeds only while the
    /// stored version is still this one, so of two turns that loaded the same state, the second to save learns it
    /// would overwrite the first and runs again. Kept beside the JSON, never in it.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long ETag { get; init; }
}
