using System.Collections.Concurrent;
using PreventionBot.Core.Conversation;

namespace PreventionBot.Core.Storage;

/// <summary>For tests and the terminal chat: nothing survives the process.</summary>
public sealed class InMemoryConversationStore : IConversationStore
{
    // Each stored state already carries its ETag, and records compare by value: TryUpdate against the loaded
    // entry is then the compare-and-swap the contract asks for.
    private readonly ConcurrentDictionary<string, ConversationState> _states = new(StringComparer.Ordinal);

    public int Count => _states.Count;

    public ValueTask<ConversationState?> LoadAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_states.TryGetValue(key, out var state) ? state : null);

    public ValueTask<bool> TrySaveAsync(string key, ConversationState state, CancellationToken cancellationToken)
    {
        var saved = state with { ETag = ETags.Next() };
        if (state.ETag == 0)
        {
            return ValueTask.FromResult(_states.TryAdd(key, saved));
        }

        return ValueTask.FromResult(
            _states.TryGetValue(key, out var current) && current.ETag == state.ETag && _states.TryUpdate(key, saved, current));
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _states.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> DeleteInactiveSinceAsync(DateTimeOffset cutoffUtc, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var entry in _states)
        {
            // Removes only the entry read here: a conversation that has just had a turn is not deleted by mistake.
            if (entry.Value.LastActivityUtc < cutoffUtc && _states.TryRemove(entry))
            {
                removed++;
            }
        }

        return ValueTask.FromResult(removed);
    }

    public ValueTask<bool> IsReachableAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
