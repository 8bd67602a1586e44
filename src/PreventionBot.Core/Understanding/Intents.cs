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

    /// <summary>Ends the id of a reply's second wording ("parents-educators/child-harmed-again"): what a person gets who
    /// asks again what that reply answered, in other words that take up the question, instead of the same text or the
    /// next step. Reached only so, never by a button or the classifier.</summary>
    public const string AgainSuffix = "-again";

    /// <summary>The reply whose second wording this is, or null when it is no second wording.</summary>
    public static string? AgainOf(string reference) =>
        reference.EndsWith(AgainSuffix, StringComparison.Ordinal) && reference.Length > AgainSuffix.Length
            ? reference[..^AgainSuffix.Length]
            : null;
}
