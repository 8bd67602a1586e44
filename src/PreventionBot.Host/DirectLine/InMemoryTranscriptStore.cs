using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.DirectLine;

/// <summary>
/// The single-host store (Storage:Provider memory or sqlite): each call goes straight to
/// <see cref="DirectLineConversations"/> and its <see cref="DirectLineTranscript"/>s, which do the work synchronously.
/// </summary>
public sealed class InMemoryTranscriptStore(DirectLineConversations conversations) : ITranscriptStore
{
    public ValueTask<string?> CreateAsync(CancellationToken cancellationToken) => ValueTask.FromResult(conversations.Create()?.Id);

    public ValueTask<bool?> StartAsync(string conversationId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(conversations.GetOrCreate(conversationId) is { } found ? found.Transcript.MarkStarted() : (bool?)null);

    public ValueTask<long?> FindAsync(string conversationId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(conversations.Find(conversationId)?.Watermark);

    public ValueTask<ActivityPage?> ReadAfterAsync(string conversationId, long watermark, CancellationToken cancellationToken) =>
        ValueTask.FromResult(conversations.Find(conversationId)?.After(watermark) is { } page ? new ActivityPage(page.Activities, page.Watermark) : null);

    /// <summary>0 when the conversation expired during the turn: there is nobody left to read the activity.</summary>
    public ValueTask<long> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken) =>
        ValueTask.FromResult(conversations.Find(conversationId)?.Append(activity) ?? 0);

    public ValueTask ForgetBeforeAsync(string conversationId, long sequence, CancellationToken cancellationToken)
    {
        conversations.Find(conversationId)?.ForgetBefore(sequence);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<IAsyncDisposable> LockTurnsAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (conversations.Find(conversationId) is not { } transcript)
        {
            return new Release(null);
        }

        await transcript.TurnLock.WaitAsync(cancellationToken);
        return new Release(transcript.TurnLock);
    }

    public ValueTask<bool> SubscribeAsync(string conversationId, StreamSubscriber subscriber, long watermark, CancellationToken cancellationToken) =>
        ValueTask.FromResult(conversations.Find(conversationId)?.Subscribe(subscriber, watermark) ?? false);

    public void Unsubscribe(string conversationId, StreamSubscriber subscriber) => conversations.Find(conversationId)?.Unsubscribe(subscriber);

    public ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken) => ValueTask.FromResult(conversations.PurgeExpired());

    private sealed class Release(SemaphoreSlim? turnLock) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            turnLock?.Release();
            return ValueTask.CompletedTask;
        }
    }
}
