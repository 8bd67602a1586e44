using PreventionBot.Core.Content;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Core.Tests.Understanding;

public sealed class IntentClassifierTests
{
    /// <summary>SGD's order comes from each example's own text, so the order of the training files does not change
    /// the model: with a shuffle of positions, adding or moving one example moved readings of unrelated messages
    /// (docs/quality.md, session 19).</summary>
    [Fact]
    public void The_model_does_not_depend_on_the_order_of_the_examples()
    {
        var examples = UnderstandingContent.LoadTrainingExamples(DialogsDirectory.Locate());
        var labels = UnderstandingContent.Labels(examples);
        var options = new IntentClassifierOptions { Epochs = 6, AveragedEpochs = 3 };
        var inFileOrder = IntentClassifier.Train(examples, labels, options);
        var reversed = IntentClassifier.Train([.. Enumerable.Reverse(examples)], labels, options);

        string[] messages =
        [
            "is it illegal to look at ai pictures",
            "my ex is threatening to post my nudes",
            "where can he get help to stop",
            "i found something on my dads laptop",
        ];
        var first = new double[labels.Count];
        var second = new double[labels.Count];
        foreach (var message in messages)
        {
            var normalised = TextNormaliser.Normalise(message);
            inFileOrder.Predict(normalised, first);
            reversed.Predict(normalised, second);
            for (var i = 0; i < labels.Count; i++)
            {
                Assert.Equal(first[i], second[i], 5);
            }
        }
    }
}
