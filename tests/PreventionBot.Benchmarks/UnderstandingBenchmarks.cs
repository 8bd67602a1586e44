using BenchmarkDotNet.Attributes;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Benchmarks;

/// <summary>Reading one message: normalising it, routing it (safety lexicons, language, classifier), and the
/// whole understanding a turn does (routing plus the conversation cues).</summary>
[MemoryDiagnoser]
public class UnderstandingBenchmarks
{
    private IReadOnlyList<string> _texts = [];
    private IntentRouter _router = null!;
    private ConversationCues _cues = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _texts = Messages.Varied;
        _router = Engines.Router;
        _cues = Engines.Cues;
    }

    private string NextText() => _texts[_next++ % _texts.Count];

    [Benchmark]
    public string Normalise() => TextNormaliser.Normalise(NextText());

    [Benchmark]
    public RoutedIntent Route() => _router.Route(NextText());

    [Benchmark]
    public RoutedIntent RouteInContext() => _router.Route(NextText(), "law");

    /// <summary>What a turn asks of understanding: route, then who is speaking, a follow-up, thanks.</summary>
    [Benchmark]
    public object RouteAndCues()
    {
        var text = NextText();
        var routed = _router.Route(text);
        var role = _cues.RoleAfter(text, SpeakerRole.Unknown);
        var followUp = _cues.FollowUpOf(text);
        return (routed, role, followUp, _cues.SaysThanks(text));
    }
}
