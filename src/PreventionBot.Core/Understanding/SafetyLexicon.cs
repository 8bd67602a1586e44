namespace PreventionBot.Core.Understanding;

/// <summary>A request followed within <see cref="Window"/> words by a target: "where can i find" … "cp",
/// "nudify" … "a 14 year old". Pairs, not phrases, because people phrase both halves many ways.</summary>
/// <param name="Name">What the rule catches, for error messages and reviewers.</param>
/// <param name="Requests">The asking half.</param>
/// <param name="Targets">The half that names what is asked for.</param>
/// <param name="Window">How many words may stand between the two.</param>
/// <param name="OwnUnless">When set, the only phrases that silence this rule, instead of the lexicon's: a request in
/// the asker's own words ("how do u make a nude of…") is seeking even beside "class" or "school", which silence
/// the lexicon's other entries because parents and teachers say them.</param>
internal sealed record RequestTargetRule(string Name, PhraseSet Requests, PhraseSet Targets, int Window, PhraseSet? OwnUnless = null)
{
    public bool Matches(in WordSequence words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var requestLength = Requests.LongestMatchAt(words, i);
            if (requestLength == 0)
            {
                continue;
            }

            var last = Math.Min(words.Count - 1, i + requestLength + Window);
            for (var j = i + requestLength; j <= last; j++)
            {
                if (Targets.LongestMatchAt(words, j) > 0)
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>
/// Who a crisis phrase is about: a word inside it ("kill herself", "better off without me"), else the nearest
/// subject word before it in the same sentence ("she says she wants to die": "she"), else someone else only when the
/// sentence names someone else and never the writer. No subject word means the writer: "wants to die" alone is
/// read as the person typing, because a missed first-person crisis costs far more than a misplaced one.
/// </summary>
/// <param name="Self">Words that make the writer the subject ("i", "me").</param>
/// <param name="Others">Words that make someone else the subject ("she", "my son").</param>
/// <param name="ObjectMarkers">Words right before someone named that make them the object, not the subject ("thoughts
/// about my stepdaughter, want to die" is the writer's crisis): such a name is passed over.</param>
/// <param name="Quoting">Words that bring in someone's own words ("texted me", "keeps saying", "in her journal"): a
/// first person right after them is the speaker's when the speaker is someone else.</param>
/// <param name="QuoteFillers">The only words, besides the first person, that may stand between <paramref name="Quoting"/>
/// and the phrase ("she texted me i just want to die"). Anything else ("he said i should just kill myself", "she said
/// no and i want to die") leaves the first person the writer's.</param>
internal sealed record PhraseSubjects(
    PhraseSet Self, PhraseSet Others, PhraseSet ObjectMarkers, PhraseSet Quoting, PhraseSet QuoteFillers)
{
    /// <summary>How far back a subject is looked for: far enough for "my son keeps saying he really wants to die".</summary>
    private const int LookBack = 8;

    /// <summary>How many fillers, first persons or phrases of the lexicon may stand between the quoting words and the phrase:
    /// "me", "i", "just", "want to".</summary>
    private const int QuoteGap = 6;

    public static PhraseSubjects None { get; } =
        new(new PhraseSet([]), new PhraseSet([]), new PhraseSet([]), new PhraseSet([]), new PhraseSet([]));

    public bool IsEmpty => Others.IsEmpty;

    /// <summary>True when the phrase of <paramref name="length"/> words at <paramref name="start"/> in <paramref name="words"/>
    /// is about someone other than the writer.</summary>
    /// <param name="words">The sentence.</param>
    /// <param name="start">Where the phrase starts.</param>
    /// <param name="length">How many words the phrase has.</param>
    /// <param name="lexiconPhrases">The lexicon's own phrases: one standing between the quoting words and this phrase is
    /// part of the same quote ("he messaged me dad i cant do this anymore i want to die"). Null when the message marks no
    /// quote (<see cref="MarksAQuote"/>): then no first person is read as someone else's.</param>
    public bool IsAboutOthers(in WordSequence words, int start, int length, PhraseSet? lexiconPhrases)
    {
        if (lexiconPhrases is not null && QuotesSomeoneElse(words, start, lexiconPhrases))
        {
            return true;
        }

        // Inside the phrase first: "better off without me" is the writer's, "kill herself" someone else's.
        var inside = 0;
        for (var i = start; i < start + length; i++)
        {
            if (Self.LongestMatchAt(words, i) > 0)
            {
                return false;
            }

            if (Others.LongestMatchAt(words, i) > 0)
            {
                inside++;
            }
        }

        if (inside > 0)
        {
            return true;
        }

        for (var i = start - 1; i >= Math.Max(0, start - LookBack); i--)
        {
            if (Self.LongestMatchAt(words, i) > 0)
            {
                return false;
            }

            if (Others.LongestMatchAt(words, i) > 0 && !IsObject(words, i))
            {
                return true;
            }
        }

        return NamesOnlyOthers(words);
    }

    /// <summary>True when the phrase at <paramref name="start"/> is someone else's words, quoted: quoting words close
    /// before it, with only the first person and fillers between, and someone else the nearest subject before them
    /// ("my daughter texted me i just want to die", a mother in study 110, berenike-1: the reply for the writer's own
    /// crisis). "i told her i want to die" stays the writer's, and so does anything with no one else before the quote.</summary>
    private bool QuotesSomeoneElse(in WordSequence words, int start, PhraseSet lexiconPhrases)
    {
        var end = start - 1;
        for (var steps = 0; end >= 0 && steps <= QuoteGap; steps++)
        {
            var quoting = LengthEndingAt(Quoting, words, end, MaxFillerWords);
            if (quoting > 0)
            {
                return SpeakerIsSomeoneElse(words, end + 1 - quoting);
            }

            var filler = Math.Max(
                Math.Max(LengthEndingAt(Self, words, end, MaxFillerWords), LengthEndingAt(QuoteFillers, words, end, MaxFillerWords)),
                LengthEndingAt(lexiconPhrases, words, end, MaxQuotedPhraseWords));
            if (filler == 0)
            {
                return false;
            }

            end -= filler;
        }

        return false;
    }

    /// <summary>
    /// True when the message marks a quote: a double quotation mark or guillemet, a single one that opens a word ("texted me
    /// 'i just want to die"), or a colon. Without one, "he keeps texting me i just want to die" is a sextorted teenager's
    /// own despair (the review of session 40: read as someone else's crisis), so a first person is never read as quoted.
    /// </summary>
    public static bool MarksAQuote(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"' or '\u201C' or '\u201D' or '\u00AB' or '\u00BB' or ':':
                    return true;
                case '\'' or '\u2018' or '\u2019' when (i == 0 || char.IsWhiteSpace(text[i - 1]))
                    && i + 1 < text.Length && char.IsLetter(text[i + 1]):
                    return true;
            }
        }

        return false;
    }

    /// <summary>The longest quoting word or filler looked for, in words: "from her room".</summary>
    private const int MaxFillerWords = 3;

    /// <summary>The longest of the lexicon's phrases looked for inside a quote, in words: "cant do this anymore".</summary>
    private const int MaxQuotedPhraseWords = 8;

    private bool SpeakerIsSomeoneElse(in WordSequence words, int quotingStart)
    {
        for (var i = quotingStart - 1; i >= Math.Max(0, quotingStart - LookBack); i--)
        {
            if (Self.LongestMatchAt(words, i) > 0)
            {
                return false;
            }

            if (Others.LongestMatchAt(words, i) > 0 && !IsObject(words, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The length of the longest phrase of <paramref name="set"/> (up to <paramref name="maxLength"/> words) that
    /// ends at <paramref name="end"/>, else 0.</summary>
    private static int LengthEndingAt(PhraseSet set, in WordSequence words, int end, int maxLength)
    {
        for (var length = Math.Min(maxLength, end + 1); length >= 1; length--)
        {
            if (set.LongestMatchAt(words, end + 1 - length) == length)
            {
                return length;
            }
        }

        return 0;
    }

    /// <summary>True when an object marker ends right before the person named at <paramref name="index"/> ("about my niece",
    /// "hurt my son"): a marker of up to three words.</summary>
    private bool IsObject(in WordSequence words, int index)
    {
        for (var length = 1; length <= Math.Min(3, index); length++)
        {
            if (ObjectMarkers.LongestMatchAt(words, index - length) == length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the sentence names someone else and never the writer: a phrase with no subject close before it,
    /// or a rule, which has no one place to look back from, is then about that person ("he keeps saying his life is over
    /// ... is there a number for him or for us where we can call tonight, about the suicide thing?", twenty-seventh study:
    /// a father was answered as if he were the one at risk). With no subject word at all it stays the writer's.</summary>
    public bool NamesOnlyOthers(in WordSequence words)
    {
        var others = false;
        for (var i = 0; i < words.Count; i++)
        {
            if (Self.LongestMatchAt(words, i) > 0)
            {
                return false;
            }

            others |= Others.LongestMatchAt(words, i) > 0;
        }

        return others;
    }
}

/// <summary>
/// One safety lexicon (<c>dialogs/safety/&lt;topic&gt;.yaml</c>). It matches when any of its
/// <see cref="Phrases"/> occurs or any of its <see cref="Rules"/> fires — unless an <see cref="Unless"/>
/// phrase occurs anywhere, in which case the lexicon stays silent and the classifier decides. The unless
/// list is how a parent asking about nudify apps, a person reporting a link or a young person whose image
/// was faked avoids being treated as someone seeking abuse images.
/// </summary>
internal sealed class SafetyLexicon(
    string topicId, PhraseSet phrases, IReadOnlyList<RequestTargetRule> rules, PhraseSet unless)
{
    public string TopicId { get; } = topicId;

    public PhraseSet Phrases { get; } = phrases;

    public IReadOnlyList<RequestTargetRule> Rules { get; } = rules;

    public PhraseSet Unless { get; } = unless;

    /// <summary>Phrases that say the opposite of a phrase they contain ("not suicidal"): a phrase inside one of
    /// them does not count. Listed word for word, not guessed from "not" nearby, because "not want to be here"
    /// is itself a crisis phrase.</summary>
    public PhraseSet Negated { get; init; } = new([]);

    /// <summary>Words that take the certainty out of a denial of one's own crisis in the same sentence ("no im not gonna hurt
    /// myself i dont think", study 150, a woman of 22 straight after the crisis reply): read as no denial, so the crisis
    /// stays.</summary>
    public PhraseSet NegationHedges { get; init; } = new([]);

    /// <summary>Who a phrase is about, where the lexicon says (crisis: "she wants to die" is about someone else).</summary>
    public PhraseSubjects Subjects { get; init; } = PhraseSubjects.None;

    /// <summary>True when the lexicon matches some piece and every phrase that matched is about someone other than
    /// the writer ("my daughter said she wants to kill herself"). A rule match counts as about the writer unless its
    /// sentence names someone else and never the writer (<see cref="PhraseSubjects.NamesOnlyOthers"/>).</summary>
    public bool MatchesOnlyAboutOthers(IReadOnlyList<WordSequence> pieces, bool quoteMarked)
    {
        if (Subjects.IsEmpty)
        {
            return false;
        }

        var aboutOthers = false;
        foreach (var piece in pieces)
        {
            if (Unless.MatchesAnywhere(piece))
            {
                continue;
            }

            foreach (var rule in Rules)
            {
                if (rule.Matches(piece))
                {
                    if (!Subjects.NamesOnlyOthers(piece))
                    {
                        return false;
                    }

                    aboutOthers = true;
                    break;
                }
            }

            for (var i = 0; i < piece.Count; i++)
            {
                var length = PhraseLengthAt(piece, i);
                if (length == 0)
                {
                    continue;
                }

                if (!Subjects.IsAboutOthers(piece, i, length, quoteMarked ? Phrases : null))
                {
                    return false;
                }

                aboutOthers = true;
            }
        }

        return aboutOthers;
    }

    public bool Matches(in WordSequence words) =>
        (MatchesIgnoringUnless(words) && !Unless.MatchesAnywhere(words)) || OwnUnlessRuleFires(words);

    /// <summary>Matches when any piece matches. Crisis and emergency weigh each piece on its own, so
    /// "my son" in one sentence cannot silence a plan in another; deterrence stays silent when any piece
    /// has an unless phrase, because one "I found this and reported it" is enough to mean a reporter.</summary>
    public bool MatchesAnyPiece(IReadOnlyList<WordSequence> pieces, bool unlessAcrossPieces)
    {
        if (unlessAcrossPieces && OwnUnlessRuleFiresAcross(pieces))
        {
            return true;
        }

        var matched = false;
        foreach (var piece in pieces)
        {
            if (unlessAcrossPieces)
            {
                if (Unless.MatchesAnywhere(piece))
                {
                    return false;
                }

                matched = matched || MatchesIgnoringUnless(piece);
            }
            else if (Matches(piece))
            {
                return true;
            }
        }

        return matched;
    }

    /// <summary>A rule with its own unless list fires in this piece and the piece has none of its own unless phrases:
    /// like the lexicon's unless, weighed sentence by sentence for crisis and emergency.</summary>
    private bool OwnUnlessRuleFires(in WordSequence piece)
    {
        foreach (var rule in Rules)
        {
            if (rule.OwnUnless is { } unless && rule.Matches(piece) && !unless.MatchesAnywhere(piece))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A rule with its own unless list fires in some piece and none of the pieces has one of its own unless
    /// phrases: like the lexicon's unless, weighed across the whole message for seeking.</summary>
    private bool OwnUnlessRuleFiresAcross(IReadOnlyList<WordSequence> pieces)
    {
        foreach (var rule in Rules)
        {
            if (rule.OwnUnless is not { } unless)
            {
                continue;
            }

            var fired = false;
            var silenced = false;
            foreach (var piece in pieces)
            {
                fired = fired || rule.Matches(piece);
                silenced = silenced || unless.MatchesAnywhere(piece);
            }

            if (fired && !silenced)
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchesIgnoringUnless(in WordSequence words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (PhraseLengthAt(words, i) > 0)
            {
                return true;
            }
        }

        foreach (var rule in Rules)
        {
            if (rule.OwnUnless is null && rule.Matches(words))
            {
                return true;
            }
        }

        return false;
    }

    /// <returns>The length of the longest phrase at <paramref name="position"/> that no negated phrase covers, or 0.</returns>
    private int PhraseLengthAt(in WordSequence words, int position)
    {
        var length = Phrases.LongestMatchAt(words, position);
        if (length == 0 || Negated.IsEmpty)
        {
            return length;
        }

        for (var start = Math.Max(0, position - Negated.LongestPhrase + 1); start <= position; start++)
        {
            var negated = Negated.LongestMatchAt(words, start);
            if (negated > 0 && start + negated >= position + length)
            {
                return 0;
            }
        }

        return length;
    }
}

/// <summary>
/// The three safety lexicons in precedence order. Emergency and crisis come before everything: when
/// both match, emergency wins, because its phrases only ever describe a child in danger now or a user
/// about to harm a child, and the emergency reply sends people to emergency services, who also help
/// someone in crisis. Deterrence comes last.
/// </summary>
internal sealed class SafetyLexicons(SafetyLexicon emergency, SafetyLexicon crisis, SafetyLexicon deterrence)
{
    public SafetyLexicon Emergency { get; } = emergency;

    public SafetyLexicon Crisis { get; } = crisis;

    public SafetyLexicon Deterrence { get; } = deterrence;

    /// <returns>The topic of the first lexicon that matches the normalised text, or null.</returns>
    public string? Match(string normalised)
    {
        using var words = WordSequence.FromNormalised(normalised);
        return Match([words]);
    }

    /// <returns>The topic of the first lexicon that matches any of the pieces of a message, or null.</returns>
    public string? Match(IReadOnlyList<WordSequence> pieces)
    {
        if (Emergency.MatchesAnyPiece(pieces, unlessAcrossPieces: false))
        {
            return Emergency.TopicId;
        }

        if (Crisis.MatchesAnyPiece(pieces, unlessAcrossPieces: false))
        {
            return Crisis.TopicId;
        }

        return Deterrence.MatchesAnyPiece(pieces, unlessAcrossPieces: true) ? Deterrence.TopicId : null;
    }
}
