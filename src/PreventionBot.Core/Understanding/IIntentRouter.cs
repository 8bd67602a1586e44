namespace PreventionBot.Core.Understanding;

/// <summary>
/// Turns one user message into an intent. Safety lexicons (emergency, crisis, deterrence, in English and in
/// every language pack) run first over every sentence of the message and can interrupt any flow; the
/// statistical classifier decides only when no lexicon matched.
/// </summary>
public interface IIntentRouter
{
    /// <param name="text">The message, any length.</param>
    /// <param name="contextTopic">The topic the conversation is in, if any: when the classifier hesitates,
    /// a message is read as part of it ("will i get in trouble tho" after sextortion advice).</param>
    /// <param name="topicWeights">How much likelier each topic is from this speaker (by topic id; 1 when absent):
    /// a young person's "what do I do now, 2 hours left" is about their own situation, not offender self-help.</param>
    /// <param name="conversationLanguage">The language the bot's last reply was written in, if not English: a message
    /// that mixes it with English is identified as neither, and is read with that language's lexicons too.</param>
    /// <param name="ruledOut">Intents the message itself says are not the case ("nobody is threatening me"): the classifier
    /// never answers with one of them, whatever its words weigh.</param>
    RoutedIntent Route(
        string text,
        string? contextTopic = null,
        IReadOnlyDictionary<string, double>? topicWeights = null,
        string? conversationLanguage = null,
        IReadOnlySet<string>? ruledOut = null);
}

/// <summary>How a message was understood.</summary>
/// <param name="Intent">A topic id or a reply reference (<see cref="Intents"/>); null when the classifier was
/// not confident enough or the message is in a language the bot does not converse in (except when one of that
/// language's topic lexicons matched: <see cref="RouteReason.OtherLanguage"/>).</param>
/// <param name="Confidence">The classifier's probability, or 1 for a lexicon match.</param>
/// <param name="Reason">What decided.</param>
/// <param name="Candidates">The best classifier intents, best first: what a clarifying question offers.</param>
/// <param name="Language">The language code of a message written in another language (from
/// <c>dialogs/languages</c>), whose reply should be in that language; null for English.</param>
/// <param name="Secondary">With a crisis or emergency match: a confident non-safety intent in the same
/// message, answered after the safety reply ("I want to die. Is it illegal to…"); beside an emergency, someone else's
/// crisis (<see cref="IntentRouter.CrisisForSomeoneElse"/>) when one is also in the message, or the writer's own
/// (<see cref="TopicIds.Crisis"/>).</param>
/// <param name="DeniesCrisis">The message says the person is not in crisis ("I'm not suicidal"), in the crisis
/// lexicon's own negated phrases, and no crisis phrase matched.</param>
/// <param name="PastOpening">The whole message read as the welcome or unsure, and this is the reading of its other
/// sentences ("hi um idk if this is the right place. ive been having thoughts about younger kids"): a thank-you with a plan
/// ("ok calling the police now. thank you") is still a close.</param>
public sealed record RoutedIntent(
    string? Intent,
    double Confidence,
    RouteReason Reason,
    IReadOnlyList<IntentScore> Candidates,
    string? Language = null,
    string? Secondary = null,
    bool DeniesCrisis = false,
    bool PastOpening = false)
{
    public string? TopicId => Intent is null ? null : Intents.TopicOf(Intent);
}

public enum RouteReason
{
    SafetyLexicon,
    Classifier,
    BelowThreshold,

    /// <summary>Written in a language the bot recognises but does not converse in, with no safety match. The intent is
    /// the topic of the language's lexicon that matched (<c>self</c>: self-help, <c>victim</c>: victim-support, <c>found</c>:
    /// report, <c>abuse</c>: concern-other), else null.</summary>
    OtherLanguage,
}

/// <param name="Intent">A topic id (or, for a lexicon match, the safety intent).</param>
/// <param name="Score">The topic's probability.</param>
/// <param name="LikeliestReply">The classifier's likeliest reply reference within the topic (its entry reply when that is
/// likeliest); null for a lexicon match.</param>
public readonly record struct IntentScore(string Intent, double Score, string? LikeliestReply = null)
{
    public string TopicId => Intents.TopicOf(Intent);
}
