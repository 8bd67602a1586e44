using PreventionBot.Core.Content;
using PreventionBot.Core.Understanding;
using PreventionBot.Core.Understanding.Evaluation;

namespace PreventionBot.Core.Tests.Understanding;

public sealed class IntentRouterTests
{
    // The shipped router, trained once for all the tests that use it.
    private static readonly Lazy<IntentRouter> Router = new(() => Conversation.ConversationEngineTests.Router);

    [Fact]
    public void Lexicon_matches_are_certain_and_name_their_reason()
    {
        var routed = Router.Value.Route("i want to end it all");
        Assert.Equal(TopicIds.Crisis, routed.TopicId);
        Assert.Equal(RouteReason.SafetyLexicon, routed.Reason);
        Assert.Equal(1.0, routed.Confidence);
    }

    [Fact]
    public void The_classifier_routes_ordinary_questions()
    {
        var routed = Router.Value.Route("is this chat anonymous?");
        Assert.Equal(TopicIds.Privacy, routed.TopicId);
        Assert.Equal(RouteReason.Classifier, routed.Reason);
    }

    [Fact]
    public void Gibberish_is_below_threshold_with_three_candidates()
    {
        var routed = Router.Value.Route("qzxv wplk");
        Assert.Null(routed.TopicId);
        Assert.Equal(RouteReason.BelowThreshold, routed.Reason);
        Assert.Equal(3, routed.Candidates.Count);
        Assert.True(routed.Confidence < Router.Value.ConfidenceThreshold);
        Assert.True(routed.Candidates[0].Score >= routed.Candidates[1].Score);
    }

    [Fact]
    public void Training_is_deterministic()
    {
        var other = IntentRouter.Load(DialogsDirectory.Locate());
        foreach (var text in new[] { "how do i talk to my son about nudify apps", "hello", "my husband has images", "qzxv" })
        {
            Assert.Equal(Router.Value.Route(text), other.Route(text), RoutedIntentComparer.Instance);
        }
    }

    [Fact]
    public void Eval_command_passes_and_writes_a_report()
    {
        var report = Path.Combine(Path.GetTempPath(), $"intent-eval-{Guid.NewGuid():N}.json");
        using var output = new StringWriter();
        try
        {
            var exitCode = EvalCommand.Run(DialogsDirectory.Locate(), report, 3, output);
            Assert.True(exitCode == 0, output.ToString());
            Assert.Contains("\"macro_f1\"", File.ReadAllText(report), StringComparison.Ordinal);
            Assert.Contains("confusion matrix", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(report);
        }
    }

    private sealed class RoutedIntentComparer : IEqualityComparer<RoutedIntent>
    {
        public static readonly RoutedIntentComparer Instance = new();

        public bool Equals(RoutedIntent? x, RoutedIntent? y) =>
            x is not null && y is not null && x.TopicId == y.TopicId && x.Confidence.Equals(y.Confidence)
            && x.Reason == y.Reason && x.Candidates.SequenceEqual(y.Candidates);

        public int GetHashCode(RoutedIntent obj) => obj.TopicId?.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
