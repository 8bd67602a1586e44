namespace PreventionBot.Core.Understanding;

/// <summary>
/// Safety lexicons first (emergency, then crisis, then deterrence), the classifier only when none
/// matched. Thread-safe: it holds no state that changes after <see cref="Load(string)"/>.
/// </summary>
public sealed class IntentRouter : IIntentRouter
{
    private readonly SafetyLexicons _lexicons;
    private readonly IntentClassifier _classifier;
    private readonly IntentRouterOptions _options;

    internal IntentRouter(SafetyLexicons lexicons, IntentClassifier classifier, IntentRouterOptions options)
    {
        _lexicons = lexicons;
        _classifier = classifier;
        _options = options;
    }

    public double ConfidenceThreshold => _options.ConfidenceThreshold;

    /// <summary>Trains the classifier from <c>dialogs/training</c> and loads <c>dialogs/safety</c>.</summary>
    /// <exception cref="Content.ContentException">A file is missing or wrong; the message names it.</exception>
    public static IntentRouter Load(string dialogsDirectory) => Load(dialogsDirectory, new IntentRouterOptions());

    /// <inheritdoc cref="Load(string)"/>
    public static IntentRouter Load(string dialogsDirectory, IntentRouterOptions options)
    {
        ArgumentNullException.ThrowIfNull(dialogsDirectory);
        ArgumentNullException.ThrowIfNull(options);
        var lexicons = UnderstandingContent.LoadSafetyLexicons(dialogsDirectory);
        var examples = UnderstandingContent.LoadTrainingExamples(dialogsDirectory);
        var classifier = IntentClassifier.Train(examples, TopicIds.All, options.Classifier);
        return new IntentRouter(lexicons, classifier, options);
    }

    public RoutedIntent Route(string text)
    {
        var normalised = TextNormaliser.Normalise(text);
        var lexiconTopic = _lexicons.Match(normalised);
        if (lexiconTopic is not null)
        {
            return new RoutedIntent(lexiconTopic, 1.0, RouteReason.SafetyLexicon, [new TopicScore(lexiconTopic, 1.0)]);
        }

        Span<double> probabilities = stackalloc double[_classifier.Topics.Count];
        _classifier.Predict(normalised, probabilities);
        var candidates = TopCandidates(probabilities);
        var best = candidates[0];
        return best.Score >= _options.ConfidenceThreshold
            ? new RoutedIntent(best.TopicId, best.Score, RouteReason.Classifier, candidates)
            : new RoutedIntent(null, best.Score, RouteReason.BelowThreshold, candidates);
    }

    /// <summary>The highest-scoring topics, best first; ties go to the earlier topic in
    /// <see cref="TopicIds.All"/> so the result is deterministic.</summary>
    private TopicScore[] TopCandidates(ReadOnlySpan<double> probabilities)
    {
        var count = Math.Min(Math.Max(1, _options.CandidateCount), probabilities.Length);
        var result = new TopicScore[count];
        Span<bool> taken = stackalloc bool[probabilities.Length];
        for (var k = 0; k < count; k++)
        {
            var best = -1;
            for (var t = 0; t < probabilities.Length; t++)
            {
                if (!taken[t] && (best < 0 || probabilities[t] > probabilities[best]))
                {
                    best = t;
                }
            }

            taken[best] = true;
            result[k] = new TopicScore(_classifier.Topics[best], probabilities[best]);
        }

        return result;
    }
}
