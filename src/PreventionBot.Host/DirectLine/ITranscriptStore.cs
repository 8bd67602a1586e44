using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.DirectLine;

/// <summary>
/// Where Direct Line conversations, their activities and watermarks live, so the endpoints need not know:
/// in this process's memory (<see cref="InMemoryTranscriptStore"/>, one host) or in PostgreSQL
/// (<see cref="PostgresTranscriptStore"/>, shared by every host, with streams woken through LISTEN/NOTIFY).
/// A conversation that has been idle for a token lifetime is gone, in either.
/// </summary>
public interface ITranscriptStore
{
    /// <summary>A new conversation with a fresh random id; null when no more may be opened now.</summary>
    ValueTask<string?> CreateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// <c>POST conversations</c>: the conversation, created if a token from tokens/generate is used for the first time.
    /// True the first time it is started (201), false after (200), null when no more may be opened now.
    /// </summary>
    ValueTask<bool?> StartAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>The conversation's watermark, or null when it does not exist or has expired; finding it counts as activity.</summary>
    ValueTask<long?> FindAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Activities after <paramref name="watermark"/>; null when the conversation is gone or never gave out that watermark.</summary>
    ValueTask<ActivityPage?> ReadAfterAsync(string conversationId, long watermark, CancellationToken cancellationToken);

    /// <summary>Gives the activity its id and timestamp, stores it and pushes it to the conversation's stream. Returns its sequence number.</summary>
    ValueTask<long> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary>Drops every activity before <paramref name="sequence"/> (the user asked to delete the conversation).</summary>
    ValueTask ForgetBeforeAsync(string conversationId, long sequence, CancellationToken cancellationToken);

    /// <summary>Turns in one conversation run one at a time, in the order they were posted: dispose the result to let the next one in.</summary>
    ValueTask<IAsyncDisposable> LockTurnsAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Attaches a WebSocket: the activities after <paramref name="watermark"/> are queued for it first, then every new one.
    /// False when the conversation is gone or never gave out that watermark.
    /// </summary>
    ValueTask<bool> SubscribeAsync(string conversationId, StreamSubscriber subscriber, long watermark, CancellationToken cancellationToken);

    void Unsubscribe(string conversationId, StreamSubscriber subscriber);

    /// <summary>Deletes the conversations idle for longer than a token lifetime; returns how many.</summary>
    ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken);
}

/// <summary>One read of a transcript: the activities after the watermark asked for, each as the UTF-8 JSON it is sent as
/// (<see cref="ActivitySetJson"/>), and the watermark to ask for next.</summary>
public sealed record ActivityPage(List<byte[]> Activities, long Watermark);
