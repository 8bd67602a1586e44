namespace PreventionBot.Core.Understanding.Evaluation;

/// <summary>A held-out utterance the router got wrong (or would not decide).</summary>
public sealed record Misroute(string Text, string Expected, string? Actual, double Confidence, RouteReason Reason);

/// <summary>Runs <c>dialogs/training/test-set.yaml</c> through the full router (lexicons, classifier
/// and threshold), exactly as a live conversation would see it.</summary>
public static class HeldOutEvaluation
{
    public static (ClassificationMetrics Metrics, IReadOnlyList<Misroute> Misroutes) Run(
        string dialogsDirectory, IntentRouterOptions options)
    {
        var router = IntentRouter.Load(dialogsDirectory, options);
        var training = UnderstandingContent.LoadTrainingExamples(dialogsDirectory);
        var testSet = UnderstandingContent.LoadTestSet(dialogsDirectory, training);
        return Run(router, testSet);
    }

    internal static (ClassificationMetrics Metrics, IReadOnlyList<Misroute> Misroutes) Run(
        IIntentRouter router, IReadOnlyList<TrainingExample> testSet)
    {
        // Scored by topic (what the gates are about); an utterance that reaches the right topic but
        // another reply in it is still listed, so intent-level misses stay visible.
        var results = new List<(string Actual, string? Predicted)>(testSet.Count);
        var misroutes = new List<Misroute>();
        foreach (var item in testSet)
        {
            var routed = router.Route(item.Text);
            results.Add((Intents.TopicOf(item.Intent), routed.TopicId));
            if (routed.Intent != item.Intent)
            {
                misroutes.Add(new Misroute(item.Text, item.Intent, routed.Intent, routed.Confidence, routed.Reason));
            }
        }

        return (ClassificationMetrics.Compute(TopicIds.All, results), misroutes);
    }
}
