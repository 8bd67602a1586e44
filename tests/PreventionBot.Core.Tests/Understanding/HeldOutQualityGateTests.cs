using PreventionBot.Core.Content;
using PreventionBot.Core.Understanding;
using PreventionBot.Core.Understanding.Evaluation;

namespace PreventionBot.Core.Tests.Understanding;

/// <summary>The release gates on dialogs/training/test-set.yaml. If one fails, improve the training
/// data or lexicons; never lower the bar here.</summary>
public sealed class HeldOutQualityGateTests
{
    private static readonly Lazy<(ClassificationMetrics Metrics, IReadOnlyList<Misroute> Misroutes)> HeldOut =
        new(() => HeldOutEvaluation.Run(DialogsDirectory.Locate(), new IntentRouterOptions()));

    private static string Misroutes(string topic) => string.Join(
        Environment.NewLine,
        HeldOut.Value.Misroutes.Where(m => m.Expected == topic).Select(m => $"{m.Text} -> {m.Actual ?? "(none)"}"));

    [Fact]
    public void Every_crisis_message_is_routed_to_crisis()
    {
        var crisis = HeldOut.Value.Metrics.For(TopicIds.Crisis);
        Assert.True(crisis.Support >= 30, "the held-out set needs at least 30 crisis utterances");
        Assert.True(crisis.Recall == 1.0, Misroutes(TopicIds.Crisis));
    }

    [Fact]
    public void Every_emergency_message_is_routed_to_emergency()
    {
        var emergency = HeldOut.Value.Metrics.For(TopicIds.Emergency);
        Assert.True(emergency.Support >= 30, "the held-out set needs at least 30 emergency utterances");
        Assert.True(emergency.Recall == 1.0, Misroutes(TopicIds.Emergency));
    }

    [Fact]
    public void No_parent_or_educator_is_routed_to_deterrence()
    {
        Assert.True(HeldOut.Value.Metrics.For(TopicIds.ParentsEducators).Support >= 25);
        Assert.Equal(0, HeldOut.Value.Metrics.Count(TopicIds.ParentsEducators, TopicIds.Deterrence));
    }

    [Fact]
    public void Macro_f1_is_at_least_the_gate() =>
        Assert.True(
            HeldOut.Value.Metrics.MacroF1 >= QualityGates.MinimumMacroF1,
            $"macro F1 {HeldOut.Value.Metrics.MacroF1:0.000}");

    [Fact]
    public void Every_topic_has_at_least_15_held_out_utterances() =>
        Assert.All(HeldOut.Value.Metrics.Topics, t => Assert.True(t.Support >= 15, t.TopicId));

    [Fact]
    public void Gates_report_all_passing() => Assert.All(QualityGates.Check(HeldOut.Value.Metrics), g => Assert.True(g.Passed, g.Name));

    [Fact]
    public void Gates_fail_when_a_crisis_message_is_missed()
    {
        var topics = TopicIds.All;
        var results = topics.Select(t => (t, (string?)t)).ToList();
        results.Add((TopicIds.Crisis, TopicIds.OutOfScope));
        var gates = QualityGates.Check(ClassificationMetrics.Compute(topics, results));
        Assert.False(gates.Single(g => g.Name.StartsWith("crisis", StringComparison.Ordinal)).Passed);
    }
}
