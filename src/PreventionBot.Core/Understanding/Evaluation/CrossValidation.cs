namespace PreventionBot.Core.Understanding.Evaluation;

/// <summary>One out-of-fold prediction: the classifier never saw <see cref="Example"/> while training.</summary>
/// <param name="Example">The held-out example.</param>
/// <param name="Logits">The classifier's raw scores, one per intent.</param>
/// <param name="Labels">The classifier's intents, in the order of <paramref name="Logits"/>.</param>
internal sealed record FoldPrediction(TrainingExample Example, double[] Logits, IReadOnlyList<string> Labels)
{
    public int ActualIndex => IndexOf(Labels, Example.Intent);

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }

        throw new ArgumentException($"Unknown intent '{label}'.", nameof(label));
    }
}

/// <summary>
/// Stratified k-fold cross-validation of the classifier alone (no lexicons, no threshold), the way
/// <c>rasa test nlu --cross-validation</c> does it: each topic's examples are shuffled with a fixed seed
/// and dealt round-robin into the folds, so every fold holds every topic in proportion.
/// </summary>
internal static class CrossValidation
{
    public static List<FoldPrediction> Run(
        IReadOnlyList<TrainingExample> examples, int folds, IntentClassifierOptions options)
    {
        if (folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, "Cross-validation needs at least 2 folds.");
        }

        var labels = UnderstandingContent.Labels(examples);
        var foldOf = AssignFolds(examples, labels, folds, options.Seed);
        var predictions = new List<FoldPrediction>(examples.Count);
        for (var fold = 0; fold < folds; fold++)
        {
            var training = new List<TrainingExample>();
            var held = new List<TrainingExample>();
            for (var i = 0; i < examples.Count; i++)
            {
                (foldOf[i] == fold ? held : training).Add(examples[i]);
            }

            var classifier = IntentClassifier.Train(training, labels, options);
            foreach (var example in held)
            {
                var logits = new double[classifier.Topics.Count];
                classifier.Logits(example.Normalised, logits);
                predictions.Add(new FoldPrediction(example, logits, labels));
            }
        }

        return predictions;
    }

    private static int[] AssignFolds(IReadOnlyList<TrainingExample> examples, IReadOnlyList<string> labels, int folds, ulong seed)
    {
        var foldOf = new int[examples.Count];
        var random = new SplitMix64(seed);
        foreach (var label in labels)
        {
            var members = Enumerable.Range(0, examples.Count).Where(i => examples[i].Intent == label).ToArray();
            random.Shuffle(members);
            for (var k = 0; k < members.Length; k++)
            {
                foldOf[members[k]] = k % folds;
            }
        }

        return foldOf;
    }
}
