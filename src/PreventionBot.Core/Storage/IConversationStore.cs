using PreventionBot.Core.Conversation;

namespace PreventionBot.Core.Storage;

/// <summary>Where conversation state lives between turns. Keys are opaque hashes, never raw ids.</summary>
public interface IConversationStore
{
    ValueTask<ConversationState?> LoadAsync(string key, CancellationToken cancellationToken);

    ValueTask SaveAsync(string key, ConversationState state, CancellationToken cancellationToken);

    ValueTask DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes every conversation inactive since before <paramref name="cutoffUtc"/>; returns how many.</summary>
    ValueTask<int> DeleteInactiveSinceAsync(DateTimeOffset cutoffUtc, CancellationToken cancellationToken);
}
