namespace PreventionBot.Core.Understanding;

/// <summary>
/// Turns one user message into a topic. Safety lexicons (crisis, emergency, deterrence) run first
/// and can interrupt any flow; the statistical classifier runs only when no lexicon matched.
/// </summary>
public interface IIntentRouter
{
    RoutedIntent Route(string text);
}

/// <summary>How a message was understood. <see cref="TopicId"/> is null when the classifier was not
/// confident enough: the conversation then asks a clarifying question built from <see cref="Candidates"/>.</summary>
public sealed record RoutedIntent(
    string? TopicId,
    double Confidence,
    RouteReason Reason,
    IReadOnlyList<TopicScore> Candidates);

public enum RouteReason
{
    SafetyLexicon,
    Classifier,
    BelowThreshold,
}

public readonly record struct TopicScore(string TopicId, double Score);
