using System.Collections.Concurrent;
using PreventionBot.Core.Conversation;

namespace PreventionBot.Core.Storage;

/// <summary>
/// The states of recently active conversations, at most about <c>capacity</c> of them. Any thread may read; only the
/// store's writer thread changes it, right after a commit, so it never holds anything the file does not.
/// Eviction is "second chance": a sweep drops entries not read since the previous sweep, which keeps conversations in
/// use without the lock an exact least-recently-used list would need on every read.
/// </summary>
internal sealed class HotConversations(int capacity)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public bool TryGet(string key, out ConversationState? state)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.Used = true;
            state = entry.State;
            return true;
        }

        state = null;
        return false;
    }

    public void Set(string key, ConversationState state)
    {
        if (capacity > 0)
        {
            _entries[key] = new Entry(state);
        }
    }

    public void Remove(string key) => _entries.TryRemove(key, out _);

    /// <summary>Back under capacity (with a tenth to spare, so sweeps are rare), dropping the least used first.</summary>
    public void Trim()
    {
        if (_entries.Count <= capacity)
        {
            return;
        }

        var target = capacity - (capacity / 10);
        while (_entries.Count > target)
        {
            foreach (var (key, entry) in _entries)
            {
                if (_entries.Count <= target)
                {
                    return;
                }

                if (entry.Used)
                {
                    entry.Used = false;
                }
                else
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Entry(ConversationState state)
    {
        public ConversationState State { get; } = state;

        // Written by readers, cleared by the sweep; a lost update only changes which entry goes first.
        public volatile bool Used;
    }
}
