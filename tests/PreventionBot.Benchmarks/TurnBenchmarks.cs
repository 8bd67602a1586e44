using BenchmarkDotNet.Attributes;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Storage;

namespace PreventionBot.Benchmarks;

/// <summary>A whole typed turn in process (load state, understand, route, render, save state) over 1,000
/// conversations, on each store.</summary>
[MemoryDiagnoser]
public class TurnBenchmarks
{
    private const int Conversations = 1000;

    private readonly string[] _keys = new string[Conversations];
    private IReadOnlyList<string> _texts = [];
    private IConversationStore _store = null!;
    private string? _path;
    private ConversationEngine _engine = null!;
    private int _next;

    [Params("memory", "sqlite")]
    public string Store { get; set; } = "memory";

    [GlobalSetup]
    public void Setup()
    {
        _texts = Messages.Varied;
        _store = Engines.Store(Store, out _path);
        _engine = Engines.Create(_store);
        for (var i = 0; i < Conversations; i++)
        {
            _keys[i] = ConversationKeys.Create("directline", "bench-" + i);
            _engine.HandleAsync(new TurnRequest(_keys[i], TurnKind.ConversationStarted, Locale: "en-GB"), default).Wait();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Engines.Delete(_store, _path);

    [Benchmark]
    public async Task<TurnResult> TypedTurn()
    {
        var n = _next++;
        return await _engine.HandleAsync(new TurnRequest(_keys[n % Conversations], TurnKind.Message, _texts[n % _texts.Count], "en-GB"), default);
    }

    [Benchmark]
    public async Task<TurnResult> ButtonTurn()
    {
        var n = _next++;
        return await _engine.HandleAsync(new TurnRequest(_keys[n % Conversations], TurnKind.Message, "#law", "en-GB"), default);
    }
}
