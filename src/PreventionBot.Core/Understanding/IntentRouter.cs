namespace PreventionBot.Core.Understanding;

/// <summary>
/// Safety lexicons first (emergency, then crisis, then deterrence; English and every language pack; every
/// sentence of the message, at any length), the classifier only when none matched. Thread-safe: it holds
/// no state that changes after <see cref="Load(string)"/>.
/// </summary>
public sealed class IntentRouter : IIntentRouter
{
    private readonly SafetyLexicons _lexicons;
    private readonly LanguagePacks _languages;
    private readonly IntentClassifier _classifier;
    private readonly IntentRouterOptions _options;

    /// <summary>For each classifier label, the index of its topic in <see cref="TopicIds.All"/>.</summary>
    private readonly int[] _topicIndexOfLabel;

    internal IntentRouter(SafetyLexicons lexicons, LanguagePacks languages, IntentClassifier classifier, IntentRouterOptions options)
    {
        _topicIndexOfLabel = [.. classifier.Topics.Select(label => IndexOfTopic(Intents.TopicOf(label)))];
        _lexicons = lexicons;
        _languages = languages;
        _classifier = classifier;
        _options = options;
    }

    public double ConfidenceThreshold => _options.ConfidenceThreshold;

    public LanguagePacks Languages => _languages;

    /// <summary>Trains the classifier from <c>dialogs/training</c>, loads <c>dialogs/safety</c> and <c>dialogs/languages</c>.</summary>
    /// <exception cref="Content.ContentException">A file is missing or wrong; the message names it.</exception>
    public static IntentRouter Load(string dialogsDirectory) => Load(dialogsDirectory, new IntentRouterOptions());

    /// <inheritdoc cref="Load(string)"/>
    public static IntentRouter Load(string dialogsDirectory, IntentRouterOptions options)
    {
        ArgumentNullException.ThrowIfNull(dialogsDirectory);
        ArgumentNullException.ThrowIfNull(options);
        var lexicons = UnderstandingContent.LoadSafetyLexicons(dialogsDirectory);
        var languages = LanguagePacks.Load(dialogsDirectory);
        var examples = UnderstandingContent.LoadTrainingExamples(dialogsDirectory);
        var classifier = IntentClassifier.Train(examples, UnderstandingContent.Labels(examples), options.Classifier);
        return new IntentRouter(lexicons, languages, classifier, options);
    }

    /// <summary>How much more likely a topic is when the conversation is already in it. Enough to settle
    /// a hesitant reading, not enough to overrule a clear one.</summary>
    private const double ContextWeight = 1.8;

    public RoutedIntent Route(
        string text,
        string? contextTopic = null,
        IReadOnlyDictionary<string, double>? topicWeights = null,
        string? conversationLanguage = null,
        IReadOnlySet<string>? ruledOut = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = SentenceSplitter.Split(text);
        var pieces = new WordSequence[sentences.Count];
        var normalisedPieces = new string[sentences.Count];
        try
        {
            for (var i = 0; i < sentences.Count; i++)
            {
                normalisedPieces[i] = TextNormaliser.Normalise(sentences[i]);
                pieces[i] = WordSequence.FromNormalised(normalisedPieces[i]);
            }

            var whole = sentences.Count == 1 ? normalisedPieces[0] : TextNormaliser.Normalise(text);
            string? language;
            var conversationLanguageWords = (Own: 0, English: 0);
            using (var words = WordSequence.FromNormalised(whole))
            {
                language = _languages.Identify(words);
                if (language is null && conversationLanguage is not null)
                {
                    conversationLanguageWords = _languages.MarkersOf(words, conversationLanguage);
                }
            }

            // "help please. granddaughter 7 anos. genro faz abuso no banho. Portugal. o que faço" (study after session 20,
            // dangerous: the English clarifying question, with no number): half English, so neither language; in a
            // conversation held in Portuguese, a match of that language's topic lexicons says it is still Portuguese.
            string? topicInLanguage = null;
            if (language is null && conversationLanguage is not null && TopicInLanguage(pieces, conversationLanguage) is { } mixed)
            {
                language = conversationLanguage;
                topicInLanguage = mixed;
            }

            // "jaki numer w irlandii?" from a mother who has written Polish throughout (study 127: the English steps for someone
            // worried about another adult): a short message with more of that language's common words than English's is still
            // in it, and is answered in it.
            if (language is null && conversationLanguageWords.Own > conversationLanguageWords.English)
            {
                language = conversationLanguage;
            }

            if (Screen(pieces, language, out var safetyIntent, out var replyLanguage))
            {
                // "She says she wants to kill herself": a crisis, but not the writer's. Only the English lexicon
                // says who a phrase is about; a match in another language is answered as the writer's own.
                var quoted = PhraseSubjects.MarksAQuote(text);
                if (safetyIntent == TopicIds.Crisis && replyLanguage is null && _lexicons.Crisis.MatchesOnlyAboutOthers(pieces, quoted))
                {
                    safetyIntent = CrisisForSomeoneElse;
                }

                // "it is my SON who said he would rather be dead ... wont open the door. should I break the door?"
                // (twenty-seventh study): an emergency, and someone else's crisis, whose reply ("stay with them", the crisis
                // line) answers what the father asks; the steps for someone worried about another adult did not.
                // "hes abusing my little sister right now and i want to kill myself" (session 32): an emergency, and the
                // writer's own crisis, whose line must not be lost under the emergency steps.
                var secondary = replyLanguage is not null || !Intents.IsUrgent(safetyIntent) ? null
                    : safetyIntent == TopicIds.Emergency && _lexicons.Crisis.MatchesOnlyAboutOthers(pieces, quoted) ? CrisisForSomeoneElse
                    : safetyIntent == TopicIds.Emergency && _lexicons.Crisis.MatchesAnyPiece(pieces, unlessAcrossPieces: false) ? TopicIds.Crisis
                    : Secondary(pieces, normalisedPieces, sentences, questionsOnly: safetyIntent == TopicIds.Emergency);
                return new RoutedIntent(
                    safetyIntent, 1.0, RouteReason.SafetyLexicon, [new IntentScore(safetyIntent, 1.0)], replyLanguage, secondary);
            }

            var deniesCrisis = DeniesCrisis(pieces);
            if (language is not null)
            {
                // "j'ai des pensées sexuelles sur des enfants": someone worried about their own thoughts, answered in
                // their language with help that works in it, rather than with "this chat is only in English".
                // So is a young person whose image is shared or used to blackmail them, or their parent ("meu ex vazou uma foto
                // minha pelada", "a mi hijo le están chantajeando", twentieth study), and someone who found images of
                // children ("Bilder von Kindern auf dem Laptop meines Mannes gefunden"), who had been offered a service for
                // people worried about their own thoughts (study after session 19).
                var topic = topicInLanguage ?? TopicInLanguage(pieces, language);
                return new RoutedIntent(topic, topic is null ? 0 : 1.0, RouteReason.OtherLanguage, [], language, DeniesCrisis: deniesCrisis);
            }

            // "I'm not suicidal lol, what could happen to me": the classifier must not read crisis into a denial, so
            // crisis is left out and the message is read for what else it says.
            var routed = deniesCrisis
                ? Classify(whole, contextTopic, topicWeights, without: TopicIds.Crisis, ruledOut: ruledOut) with { DeniesCrisis = true }
                : Classify(whole, contextTopic, topicWeights, ruledOut: ruledOut);

            // "police speak polish?? my english no good. jaki numer w Irlandii?" (study 127, a mother who had written Polish
            // throughout, with the man downstairs: "I'm not sure I understood" in English, dangerous): half in the conversation's
            // language and not understood in English, so answered in that language.
            if (routed.TopicId is null && conversationLanguageWords.Own > 0)
            {
                return new RoutedIntent(null, 0, RouteReason.OtherLanguage, [], conversationLanguage, DeniesCrisis: deniesCrisis);
            }

            // "hi um idk if this is the right place. ive been having thoughts about younger kids like 8 or 9 year olds" (study
            // 123, a girl of 16: "I'm not sure I understood"): an opening that alone reads as the welcome outweighs what follows
            // it. Read without the sentences that are only the welcome, the rest says what the message is about; if it says
            // nothing clearer, the first reading stands.
            // Only as a conversation opens: mid-conversation a short sentence that reads alone as the welcome ("oh god") says
            // nothing of an opening, and the conversation's topic already weighs the reading.
            if (sentences.Count > 1 && routed.TopicId is null or TopicIds.Welcome && contextTopic is null or TopicIds.Welcome
                && WithoutWelcomeSentences(normalisedPieces) is { Length: > 0 } rest)
            {
                var reread = deniesCrisis
                    ? Classify(rest, contextTopic, topicWeights, without: TopicIds.Crisis, ruledOut: ruledOut) with { DeniesCrisis = true }
                    : Classify(rest, contextTopic, topicWeights, ruledOut: ruledOut);
                if (reread.TopicId is not (null or TopicIds.Welcome))
                {
                    return reread with { PastOpening = true };
                }
            }

            return routed;
        }
        finally
        {
            foreach (var piece in pieces)
            {
                piece.Dispose();
            }
        }
    }

    /// <summary>The message without its opening: the sentences it starts with that each read alone as the welcome ("hi", "not
    /// sure if this is the right place"), joined; empty when it has no such opening, or when a later sentence also reads as
    /// the welcome ("ok. i'm going to call first thing tomorrow ... thank you, honestly": a close, read whole).</summary>
    private string WithoutWelcomeSentences(string[] normalisedPieces)
    {
        var pieces = normalisedPieces.Where(piece => piece.Length > 0).ToList();
        var welcome = pieces.Select(piece => Classify(piece, contextTopic: null).TopicId == TopicIds.Welcome).ToList();
        var opening = welcome.TakeWhile(isWelcome => isWelcome).Count();
        return opening == 0 || welcome.Skip(opening).Any(isWelcome => isWelcome)
            ? string.Empty
            : string.Join(' ', pieces.Skip(opening));
    }

    /// <summary>Emergency before crisis before deterrence, each in English and in every language; the reply
    /// is in the language the message was identified as when that language's lexicon matched, in English
    /// when the English lexicon did, else in the language whose lexicon matched. Seeking is only looked for
    /// in English and in the identified language, because a word that means nothing in one language can be
    /// an ordinary word in another.</summary>
    private bool Screen(WordSequence[] pieces, string? language, out string intent, out string? replyLanguage)
    {
        ReadOnlySpan<string> order = [TopicIds.Emergency, TopicIds.Crisis, TopicIds.Deterrence];
        foreach (var topic in order)
        {
            var acrossPieces = topic == TopicIds.Deterrence;
            var deniedInLanguage = topic == TopicIds.Crisis && DeniedIn(language, pieces);
            string? matchedLanguage = null;
            foreach (var pack in _languages.Packs)
            {
                if (topic == TopicIds.Deterrence && pack.Code != language)
                {
                    continue;
                }

                // "que no quiero suicidarme!!" (study 41): the Spanish denial cancels the Spanish phrase, and must not leave
                // the same word in another language's lexicon (Portuguese "suicidar-me") to read it as a crisis again.
                if (deniedInLanguage && pack.Code != language)
                {
                    continue;
                }

                if (Lexicon(pack.Lexicons, topic).MatchesAnyPiece(pieces, acrossPieces))
                {
                    matchedLanguage = pack.Code;
                    if (pack.Code == language)
                    {
                        break;
                    }
                }
            }

            var english = Lexicon(_lexicons, topic).MatchesAnyPiece(pieces, acrossPieces);
            if (english || matchedLanguage is not null)
            {
                intent = topic;
                replyLanguage = matchedLanguage is not null && (matchedLanguage == language || !english) ? matchedLanguage : null;
                return true;
            }
        }

        intent = string.Empty;
        replyLanguage = null;
        return false;
    }

    /// <summary>The topic of the first of a language's topic lexicons that matches some sentence: someone's own thoughts,
    /// then a young person's or their child's images, then images found, then a child abused or groomed by someone, then a
    /// parent asking how to talk to their child ("ho
    /// trovato una chat ... un ragazzo più grande che le chiede delle foto", study after session 20: "this chat is only in
    /// English"); null when none does. Their <c>unless</c> words are weighed sentence by sentence: "mon mari a des pensées…"
    /// is about someone else, but "j'ai des pensées… Ma femme ne sait rien." is still the writer's own worry.</summary>
    private string? TopicInLanguage(WordSequence[] pieces, string language)
    {
        if (_languages.Find(language) is not { } pack)
        {
            return null;
        }

        foreach (var (topic, lexicon) in pack.TopicLexicons)
        {
            if (lexicon.MatchesAnyPiece(pieces, unlessAcrossPieces: false))
            {
                return topic;
            }
        }

        return null;
    }

    /// <summary>"Seeing that was upsetting": never a second answer beside a crisis or emergency reply, which already
    /// speaks to the distress (fifth study: a sextorted boy's "everyone will see it, my life is over" got both).</summary>
    private const string DistressAtMaterial = TopicIds.Report + "/upset";

    /// <summary>The crisis reply for someone worried that another person may take their life.</summary>
    public const string CrisisForSomeoneElse = TopicIds.Crisis + "/someone-else";

    /// <summary>Whether the identified language's own crisis denials occur in the message.</summary>
    private bool DeniedIn(string? language, WordSequence[] pieces) =>
        _languages.Find(language) is { } pack && Denies(pack.Lexicons.Crisis, pieces);

    /// <summary>Whether a crisis denial in English or in any language occurs in the message.</summary>
    private bool DeniesCrisis(WordSequence[] pieces)
    {
        if (Denies(_lexicons.Crisis, pieces))
        {
            return true;
        }

        foreach (var pack in _languages.Packs)
        {
            if (Denies(pack.Lexicons.Crisis, pieces))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Denies(SafetyLexicon crisis, WordSequence[] pieces)
    {
        if (crisis.Negated.IsEmpty)
        {
            return false;
        }

        foreach (var piece in pieces)
        {
            if (crisis.Negated.MatchesAnywhere(piece) && !HedgedOwnDenial(crisis, piece))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A denial of one's own crisis that is not sure of itself ("no im not gonna hurt myself i dont think"): no
    /// denial. Only of one's own: "he's not suicidal right now I dont think, he went back to class" (a teacher, an earlier
    /// study) is said of someone else, whose crisis the reader may leave.</summary>
    private static bool HedgedOwnDenial(SafetyLexicon crisis, WordSequence piece) =>
        crisis.NegationHedges.MatchesAnywhere(piece) && crisis.Subjects.Self.MatchesAnywhere(piece)
        && !crisis.Subjects.Others.MatchesAnywhere(piece);

    private static SafetyLexicon Lexicon(SafetyLexicons lexicons, string topic) => topic switch
    {
        TopicIds.Emergency => lexicons.Emergency,
        TopicIds.Crisis => lexicons.Crisis,
        _ => lexicons.Deterrence,
    };

    /// <summary>A confident non-safety intent in the sentences no safety lexicon claimed. Beside an emergency only
    /// questions count ("will they know it was me?"): "hes bigger than me" is the emergency itself, and an answer
    /// next to the emergency number (with another number in it) distracts.</summary>
    private string? Secondary(WordSequence[] pieces, string[] normalisedPieces, List<string> sentences, bool questionsOnly)
    {
        var rest = new List<string>();
        for (var i = 0; i < pieces.Length; i++)
        {
            var single = new[] { pieces[i] };
            if (_lexicons.Match(single) is null && (!questionsOnly || sentences[i].Contains('?', StringComparison.Ordinal)))
            {
                rest.Add(normalisedPieces[i]);
            }
        }

        if (rest.Count == 0)
        {
            return null;
        }

        var routed = Classify(string.Join(' ', rest), contextTopic: null);
        return routed is { Reason: RouteReason.Classifier, Intent: { } intent } && !Intents.IsSafety(intent)
            && Intents.TopicOf(intent) is not (TopicIds.Welcome or TopicIds.OutOfScope) && intent != DistressAtMaterial ? intent : null;
    }

    /// <summary>Intents are decided topic first: the probabilities of a topic's intents are added up, so
    /// "I'm scared the police will find out" is not left undecided because fear-of-arrest and the topic's
    /// entry reply split the evidence between them. The answer is the best intent of the best topic.</summary>
    private RoutedIntent Classify(
        string normalised,
        string? contextTopic,
        IReadOnlyDictionary<string, double>? topicWeights = null,
        string? without = null,
        IReadOnlySet<string>? ruledOut = null)
    {
        var labels = _classifier.Topics;
        Span<double> probabilities = labels.Count <= 128 ? stackalloc double[labels.Count] : new double[labels.Count];
        _classifier.Predict(normalised, probabilities);
        // Ruled out, a label's share is dropped and the rest keep their own scale: renormalised, a weak reading would
        // become a confident one only because the likelier one was ruled out (the review of session 26).
        if (ruledOut is { Count: > 0 })
        {
            for (var i = 0; i < labels.Count; i++)
            {
                if (ruledOut.Contains(labels[i]))
                {
                    probabilities[i] = 0;
                }
            }
        }

        Span<double> byTopic = stackalloc double[TopicIds.All.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            byTopic[_topicIndexOfLabel[i]] += probabilities[i];
        }

        // Each adjustment scales some topics and renormalises, so the scores stay probabilities the threshold can judge.
        if (without is not null)
        {
            byTopic[IndexOfTopic(without)] = 0;
            Normalise(byTopic);
        }

        if (topicWeights is { Count: > 0 } && Max(byTopic) < _options.ConfidenceThreshold)
        {
            for (var t = 0; t < byTopic.Length; t++)
            {
                byTopic[t] *= topicWeights.GetValueOrDefault(TopicIds.All[t], 1.0);
            }

            Normalise(byTopic);
        }

        if (contextTopic is not null && TopicIds.All.Contains(contextTopic))
        {
            byTopic[IndexOfTopic(contextTopic)] *= ContextWeight;
            Normalise(byTopic);
        }

        var candidates = TopTopics(byTopic);
        for (var k = 0; k < candidates.Length; k++)
        {
            var label = LikeliestLabel(candidates[k].Intent, probabilities);
            candidates[k] = candidates[k] with { LikeliestReply = label < 0 ? null : labels[label] };
        }

        var best = candidates[0];
        return best.Score < _options.ConfidenceThreshold
            ? new RoutedIntent(null, best.Score, RouteReason.BelowThreshold, candidates)
            : new RoutedIntent(best.LikeliestReply ?? best.Intent, best.Score, RouteReason.Classifier, candidates);
    }

    /// <summary>The index of the likeliest classifier label of <paramref name="topic"/>, or -1 when it has none.</summary>
    private int LikeliestLabel(string topic, ReadOnlySpan<double> probabilities)
    {
        var bestLabel = -1;
        for (var i = 0; i < _topicIndexOfLabel.Length; i++)
        {
            if (TopicIds.All[_topicIndexOfLabel[i]] == topic && (bestLabel < 0 || probabilities[i] > probabilities[bestLabel]))
            {
                bestLabel = i;
            }
        }

        return bestLabel;
    }

    /// <summary>The highest-scoring topics, best first; ties go to the earlier topic in
    /// <see cref="TopicIds.All"/> so the result is deterministic.</summary>
    private IntentScore[] TopTopics(ReadOnlySpan<double> byTopic)
    {
        var count = Math.Min(Math.Max(1, _options.CandidateCount), byTopic.Length);
        var result = new IntentScore[count];
        Span<bool> taken = stackalloc bool[byTopic.Length];
        for (var k = 0; k < count; k++)
        {
            var best = -1;
            for (var t = 0; t < byTopic.Length; t++)
            {
                if (!taken[t] && (best < 0 || byTopic[t] > byTopic[best]))
                {
                    best = t;
                }
            }

            taken[best] = true;
            result[k] = new IntentScore(TopicIds.All[best], byTopic[best]);
        }

        return result;
    }

    private static void Normalise(Span<double> values)
    {
        var total = 0.0;
        foreach (var value in values)
        {
            total += value;
        }

        for (var i = 0; total > 0 && i < values.Length; i++)
        {
            values[i] /= total;
        }
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        var max = 0.0;
        foreach (var value in values)
        {
            max = Math.Max(max, value);
        }

        return max;
    }

    private static int IndexOfTopic(string topic)
    {
        for (var i = 0; i < TopicIds.All.Count; i++)
        {
            if (TopicIds.All[i] == topic)
            {
                return i;
            }
        }

        throw new ArgumentException($"'{topic}' is not a topic id.", nameof(topic));
    }
}
