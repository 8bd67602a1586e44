using System.Collections.Concurrent;
using PreventionBot.Core.Conversation;

namespace PreventionBot.Core.Storage;

/// <summary>For tests and the terminal chat: nothing survives the process.</summary>
public sealed class InMemoryConversationStore : IConversationStore
{
    private readonly ConcurrentDictionary<string, ConversationState> _states = new(StringComparer.Ordinal);

    public int Count => _states.Count;

    public ValueTask<ConversationState?> LoadAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_states.TryGetValue(key, out var state) ? state : null);

    public ValueTask SaveAsync(string key, ConversationState state, CancellationToken cancellationToken)
    {
        _states[key] = state;
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _states.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> DeleteInactiveSinceAsync(DateTimeOffset cutoffUtc, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var (key, state) in _states)
        {
            if (state.LastActivityUtc < cutoffUtc && _states.TryRemove(key, out _))
            {
                removed++;
            }
        }

        return ValueTask.FromResult(removed);
    }
}
