namespace PreventionBot.Core.Conversation;

public enum TurnKind
{
    /// <summary>A new conversation (conversationUpdate with the user added, or Web Chat's join event).</summary>
    ConversationStarted,

    /// <summary>Something the user typed, or a button's postBack value.</summary>
    Message,

    /// <summary>The user asked for this conversation's state to be deleted now.</summary>
    DeleteConversation,
}

/// <summary>One incoming turn, already stripped of everything wire-specific.</summary>
/// <param name="ConversationKey">An opaque key from <see cref="ConversationKeys.Create"/>.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Text">The message text or postBack value; never stored or logged.</param>
/// <param name="Locale">The client's BCP-47 locale, if it sent one.</param>
/// <param name="HasAttachments">The user sent a file or image: never accepted.</param>
public sealed record TurnRequest(
    string ConversationKey,
    TurnKind Kind,
    string? Text = null,
    string? Locale = null,
    bool HasAttachments = false);
