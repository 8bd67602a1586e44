namespace PreventionBot.Core.Understanding.Evaluation;

/// <summary>One out-of-fold prediction: the classifier never saw <see cref="Example"/> while training.</summary>
internal sealed record FoldPrediction(TrainingExample Example, double[] Logits);

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

        var foldOf = AssignFolds(examples, folds, options.Seed);
        var predictions = new List<FoldPrediction>(examples.Count);
        for (var fold = 0; fold < folds; fold++)
        {
            var training = new List<TrainingExample>();
            var held = new List<TrainingExample>();
            for (var i = 0; i < examples.Count; i++)
            {
                (foldOf[i] == fold ? held : training).Add(examples[i]);
            }

            var classifier = IntentClassifier.Train(training, TopicIds.All, options);
            foreach (var example in held)
            {
                var logits = new double[classifier.Topics.Count];
                classifier.Logits(example.Normalised, logits);
                predictions.Add(new FoldPrediction(example, logits));
            }
        }

        return predictions;
    }

    private static int[] AssignFolds(IReadOnlyList<TrainingExample> examples, int folds, ulong seed)
    {
        var foldOf = new int[examples.Count];
        var random = new SplitMix64(seed);
        foreach (var topic in TopicIds.All)
        {
            var members = Enumerable.Range(0, examples.Count).Where(i => examples[i].TopicId == topic).ToArray();
            random.Shuffle(members);
            for (var k = 0; k < members.Length; k++)
            {
                foldOf[members[k]] = k % folds;
            }
        }

        return foldOf;
    }
}
