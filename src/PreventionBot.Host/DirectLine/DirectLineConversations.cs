using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace PreventionBot.Host.DirectLine;

/// <summary>
/// The open Direct Line conversations, in memory only: transcripts exist so a client can poll or reconnect, and
/// vanish when the conversation has been idle for a token lifetime. The count is capped so a flood of new
/// conversations is refused rather than allowed to exhaust memory.
/// </summary>
public sealed class DirectLineConversations(IOptions<DirectLineOptions> options, TimeProvider time)
{
    private const string IdAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private readonly ConcurrentDictionary<string, DirectLineTranscript> _conversations = new(StringComparer.Ordinal);

    private readonly DirectLineOptions _options = options.Value;

    private readonly TranscriptBudget _budget = new(options.Value.MaxTranscriptCharsTotal);

    public int Count => _conversations.Count;

    /// <summary>What all transcripts hold together, against <see cref="DirectLineOptions.MaxTranscriptCharsTotal"/>.</summary>
    public TranscriptBudget Budget => _budget;

    /// <summary>A new conversation with a fresh random id, or null when the cap is reached.</summary>
    public DirectLineTranscript? Create()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var created = GetOrCreate(NewId());
            if (created is { Created: true })
            {
                return created.Value.Transcript;
            }

            if (created is null)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>A fresh conversation id: 24 random characters that cannot be confused when read aloud (about 140 bits).</summary>
    internal static string NewId() => RandomNumberGenerator.GetString(IdAlphabet, 24);

    /// <summary>
    /// The conversation a valid token names, created when the token came from tokens/generate and this is its
    /// first use. Null when the cap is reached.
    /// </summary>
    public (DirectLineTranscript Transcript, bool Created)? GetOrCreate(string conversationId)
    {
        if (Find(conversationId) is { } existing)
        {
            return (existing, false);
        }

        if (_conversations.Count >= _options.MaxConversations)
        {
            PurgeExpired();
            if (_conversations.Count >= _options.MaxConversations)
            {
                return null;
            }
        }

        var transcript = new DirectLineTranscript(conversationId, _options, time, _budget);
        return _conversations.TryAdd(conversationId, transcript)
            ? (transcript, true)
            : Find(conversationId) is { } raced ? (raced, false) : null;
    }

    /// <summary>The conversation, if it exists and has not expired; finding it counts as activity.</summary>
    public DirectLineTranscript? Find(string conversationId)
    {
        if (!_conversations.TryGetValue(conversationId, out var transcript))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (now - transcript.LastUsed > _options.TokenLifetime)
        {
            Remove(conversationId);
            return null;
        }

        transcript.Touch(now);
        return transcript;
    }

    public int PurgeExpired()
    {
        var now = time.GetUtcNow();
        var removed = 0;
        foreach (var (id, transcript) in _conversations)
        {
            if (now - transcript.LastUsed > _options.TokenLifetime)
            {
                Remove(id);
                removed++;
            }
        }

        return removed;
    }

    private void Remove(string conversationId)
    {
        if (_conversations.TryRemove(conversationId, out var transcript))
        {
            transcript.Close();
        }
    }
}
