namespace PreventionBot.Host.DirectLine;

/// <summary>Settings of the built-in Direct Line 3.0 endpoint (section "DirectLine").</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>
    /// The master secret (Authorization: Bearer &lt;secret&gt; on tokens/generate and conversations). It also keys
    /// the token signatures. When empty a random one is made at start, so tokens do not survive a restart.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Lifetime of a conversation token; also how long an idle conversation is kept.</summary>
    public int TokenLifetimeMinutes { get; set; } = 30;

    /// <summary>
    /// Origins (e.g. "https://partner.example") that may call /v3/directline from their own pages. Empty (the
    /// default) means same-origin only; the embed uses an iframe from this host, so it needs none.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Activities kept per conversation for polling and reconnects; older ones are dropped.</summary>
    public int MaxActivitiesPerConversation { get; set; } = 200;

    /// <summary>The memory budget per transcript, in bytes of the activities' stored JSON (the name is from when it
    /// was a rough count of characters; it is kept so existing settings still apply); older activities are dropped
    /// beyond it.</summary>
    public int MaxTranscriptChars { get; set; } = 200_000;

    /// <summary>
    /// The memory budget of all transcripts together, in the same bytes. Over it, conversations that go on drop their
    /// oldest activities (keeping their last few). The default, 60 million, keeps the host under 300 MiB resident at
    /// <see cref="MaxConversations"/> (docs/performance.md, "Direct Line memory").
    /// </summary>
    public long MaxTranscriptCharsTotal { get; set; } = 60_000_000;

    /// <summary>Open conversations at once; beyond it new ones are refused (503) so a flood cannot exhaust memory.</summary>
    public int MaxConversations { get; set; } = 5_000;

    /// <summary>
    /// Longest text accepted on one activity. Deliberately above Conversation:MaxMessageLength, so the bot can
    /// still screen a long message for a cry for help before it asks for a shorter one.
    /// </summary>
    public int MaxTextLength { get; set; } = 20_000;

    /// <summary>Page tokens (POST /api/directline/token) per client per minute.</summary>
    public int TokenRequestsPerClientPerMinute { get; set; } = 10;

    /// <summary>Page tokens per minute for everyone together.</summary>
    public int TokenRequestsPerMinute { get; set; } = 300;

    public TimeSpan TokenLifetime => TimeSpan.FromMinutes(Math.Clamp(TokenLifetimeMinutes, 1, 24 * 60));
}
