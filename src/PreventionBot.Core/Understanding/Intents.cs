namespace PreventionBot.Core.Understanding;

/// <summary>
/// An intent is what the classifier predicts: a topic id ("law", meaning the topic's entry reply) or a
/// reply reference ("self-help/fear-of-arrest") when people ask for one answer inside a topic directly.
/// </summary>
public static class Intents
{
    public static string TopicOf(string intent)
    {
        var slash = intent.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? intent : intent[..slash];
    }

    public static bool IsSafety(string intent) =>
        TopicOf(intent) is TopicIds.Crisis or TopicIds.Emergency or TopicIds.Deterrence;

    public static bool IsUrgent(string intent) => TopicOf(intent) is TopicIds.Crisis or TopicIds.Emergency;
}
