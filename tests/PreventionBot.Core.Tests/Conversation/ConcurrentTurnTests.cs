using Microsoft.Extensions.Logging.Abstractions;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Storage;
using PreventionBot.Core.Tests.Storage;

namespace PreventionBot.Core.Tests.Conversation;

/// <summary>
/// Turns of one conversation that run at the same time (two messages sent at once, or two hosts) must all land: each
/// is answered from, and saved over, the state the others left. A store that makes every turn load before any saves
/// forces the race on every run instead of hoping for it.
/// </summary>
public sealed class ConcurrentTurnTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pb-race-" + Guid.NewGuid().ToString("N"));
    private readonly List<IDisposable> _owned = [];

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Two_turns_at_once_in_one_conversation_both_land(string kind)
    {
        var store = new LoadTogether(ConversationStoreTests.Open(kind, _owned, _folder), together: 2);
        var engine = Engine(store);
        await engine.HandleAsync(new TurnRequest("k", TurnKind.ConversationStarted, Locale: "en-GB"), default);
        store.Arm();

        var turns = await Task.WhenAll(
            Task.Run(() => engine.HandleAsync(new TurnRequest("k", TurnKind.Message, "I'm in Australia", "en-GB"), default)),
            Task.Run(() => engine.HandleAsync(new TurnRequest("k", TurnKind.Message, "what does the law say about ai images", "en-GB"), default)));

        Assert.All(turns, t => Assert.DoesNotContain(t.Replies, r => r.Ref == SystemReplies.Error));
        var state = (await store.LoadAsync("k", default))!;
        Assert.Equal(3, state.TurnCount);
        // The country said in one turn survives the other turn's save.
        Assert.Equal("AU", state.Jurisdiction);
        Assert.True(store.Conflicts >= 1, "the two turns never raced");
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Many_turns_at_once_in_one_conversation_all_land(string kind)
    {
        var store = ConversationStoreTests.Open(kind, _owned, _folder);
        var engine = Engine(store);

        var turns = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => engine.HandleAsync(new TurnRequest("k", TurnKind.Message, "hello " + i, "en-GB"), default))));

        Assert.All(turns, t => Assert.DoesNotContain(t.Replies, r => r.Ref == SystemReplies.Error));
        Assert.Equal(12, (await store.LoadAsync("k", default))!.TurnCount);
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static ConversationEngine Engine(IConversationStore store) =>
        new(ConversationEngineTests.Content, ConversationEngineTests.Router, ConversationEngineTests.Cues, store, TimeProvider.System, new ConversationOptions(), NullLogger<ConversationEngine>.Instance);

    /// <summary>Once armed, holds the first <c>together</c> loads until all of them have loaded, so every one of those
    /// turns starts from the same version; counts the saves refused.</summary>
    private sealed class LoadTogether(IConversationStore inner, int together) : IConversationStore
    {
        private readonly TaskCompletionSource _allLoaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _loads = -1;
        private int _conflicts;

        public int Conflicts => _conflicts;

        public void Arm() => _loads = 0;

        public async ValueTask<ConversationState?> LoadAsync(string key, CancellationToken cancellationToken)
        {
            var state = await inner.LoadAsync(key, cancellationToken);
            if (_loads >= 0)
            {
                var arrived = Interlocked.Increment(ref _loads);
                if (arrived == together)
                {
                    _allLoaded.TrySetResult();
                }

                if (arrived <= together)
                {
                    await _allLoaded.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                }
            }

            return state;
        }

        public async ValueTask<bool> TrySaveAsync(string key, ConversationState state, CancellationToken cancellationToken)
        {
            var saved = await inner.TrySaveAsync(key, state, cancellationToken);
            if (!saved)
            {
                Interlocked.Increment(ref _conflicts);
            }

            return saved;
        }

        public ValueTask DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

        public ValueTask<int> DeleteInactiveSinceAsync(DateTimeOffset cutoffUtc, CancellationToken cancellationToken) =>
            inner.DeleteInactiveSinceAsync(cutoffUtc, cancellationToken);

        public ValueTask<bool> IsReachableAsync(CancellationToken cancellationToken) => inner.IsReachableAsync(cancellationToken);
    }
}
