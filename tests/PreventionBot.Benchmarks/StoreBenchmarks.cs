using BenchmarkDotNet.Attributes;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Storage;

namespace PreventionBot.Benchmarks;

/// <summary>Loading and saving one conversation's state, over 1,000 conversations, on each store.</summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private const int Conversations = 1000;

    private readonly string[] _keys = new string[Conversations];
    private readonly ConversationState[] _states = new ConversationState[Conversations];
    private IConversationStore _store = null!;
    private string? _path;
    private int _next;

    [Params("memory", "sqlite")]
    public string Store { get; set; } = "memory";

    [GlobalSetup]
    public void Setup()
    {
        _store = Engines.Store(Store, out _path);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Conversations; i++)
        {
            _keys[i] = ConversationKeys.Create("directline", "bench-" + i);
            _states[i] = new ConversationState
            {
                Jurisdiction = "GB",
                AskedForCountry = true,
                LastReply = "sextortion/main",
                PreviousReply = "welcome/main",
                Role = "young-person",
                TurnCount = i,
                LastActivityUtc = now,
            };
            _store.TrySaveAsync(_keys[i], _states[i], default).AsTask().Wait();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Engines.Delete(_store, _path);

    [Benchmark]
    public ValueTask<ConversationState?> Load() => _store.LoadAsync(_keys[_next++ % Conversations], default);

    /// <summary>A turn's store work: load, then save what was loaded (saves are optimistic, so a save needs the
    /// version it read).</summary>
    [Benchmark]
    public async Task<bool> LoadAndSave()
    {
        var key = _keys[_next++ % Conversations];
        var state = await _store.LoadAsync(key, default);
        return await _store.TrySaveAsync(key, state!, default);
    }
}
