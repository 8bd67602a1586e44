using System.Text.Json.Serialization;

namespace PreventionBot.Protocol.DirectLine;

/// <summary>
/// Direct Line 3.0 <c>Conversation</c>: the answer to starting, reconnecting to, or getting a token for a
/// conversation. <c>expires_in</c> is the one snake_case name in the API.
/// </summary>
public sealed class DirectLineConversation
{
    public string? ConversationId { get; set; }

    public string? Token { get; set; }

    /// <summary>Seconds until <see cref="Token"/> expires.</summary>
    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; set; }

    /// <summary>The pre-authorised WebSocket URL (<c>ws://…/stream?t=…</c>).</summary>
    public string? StreamUrl { get; set; }

    public string? ReferenceGrammarId { get; set; }

    public string? ETag { get; set; }
}
