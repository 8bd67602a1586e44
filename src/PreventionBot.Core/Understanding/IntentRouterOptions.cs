namespace PreventionBot.Core.Understanding;

/// <summary>How <see cref="IntentRouter"/> turns classifier probabilities into a decision.</summary>
public sealed record IntentRouterOptions
{
    /// <summary>Below this probability the router does not guess: it returns no topic and the
    /// conversation asks which of the candidates was meant. Tuned on cross-validation (docs/quality.md).</summary>
    public double ConfidenceThreshold { get; init; } = 0.45;

    /// <summary>How many topics a clarifying question offers.</summary>
    public int CandidateCount { get; init; } = 3;

    public IntentClassifierOptions Classifier { get; init; } = new();
}
