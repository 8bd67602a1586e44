using PreventionBot.Core.Conversation;

namespace PreventionBot.Core.Storage;

/// <summary>
/// Where conversation state lives between turns. Keys are opaque hashes, never raw ids. Saves are optimistic: a
/// loaded state carries the store's version (<see cref="ConversationState.ETag"/>) and a save only lands if nobody
/// else saved that conversation in between.
/// </summary>
public interface IConversationStore
{
    /// <summary>The state with its <see cref="ConversationState.ETag"/>, or null when none is stored.</summary>
    ValueTask<ConversationState?> LoadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="state"/> if the stored version is still <c>state.ETag</c> (0: if nothing is stored) and
    /// returns true once it is durable; false, storing nothing, when another save got there first.
    /// </summary>
    ValueTask<bool> TrySaveAsync(string key, ConversationState state, CancellationToken cancellationToken);

    ValueTask DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes every conversation inactive since before <paramref name="cutoffUtc"/>; returns how many.</summary>
    ValueTask<int> DeleteInactiveSinceAsync(DateTimeOffset cutoffUtc, CancellationToken cancellationToken);

    /// <summary>
    /// A cheap round trip for the readiness probe: true once the store has answered a trivial query, false when it
    /// knows it cannot answer (disposed); throws what the store throws when it is unreachable.
    /// </summary>
    ValueTask<bool> IsReachableAsync(CancellationToken cancellationToken);
}
