namespace PreventionBot.Core.Understanding;

/// <summary>Training settings for <see cref="IntentClassifier"/>. The defaults were chosen with the
/// cross-validation in <c>eval</c> (see docs/quality.md); change them only with a fresh eval.</summary>
public sealed record IntentClassifierOptions
{
    public int Epochs { get; init; } = 40;

    public double LearningRate { get; init; } = 2.0;

    /// <summary>L2 regularisation strength: keeps any single n-gram from deciding a topic alone.</summary>
    public double L2 { get; init; } = 1e-5;

    /// <summary>Logits are divided by this before the softmax. Fitted on out-of-fold predictions so that
    /// a confidence of 0.8 means right about 80% of the time.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>How many of the last epochs' end weights are averaged into the model (0: the last weights alone).
    /// Without it, any change to the training files reordered SGD's steps and moved the readings of about one study
    /// message in eight, right or wrong; averaging the last 20 of 40 epochs moved about one in forty (docs/quality.md).</summary>
    public int AveragedEpochs { get; init; } = 20;

    /// <summary>Fixed so that the same training files always give the same model.</summary>
    public ulong Seed { get; init; } = 20261121;
}
