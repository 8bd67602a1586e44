namespace PreventionBot.Core.Understanding;

/// <summary>A request followed within <see cref="Window"/> words by a target: "where can i find" … "cp",
/// "nudify" … "a 14 year old". Pairs, not phrases, because people phrase both halves many ways.</summary>
internal sealed record RequestTargetRule(string Name, PhraseSet Requests, PhraseSet Targets, int Window)
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

    public bool Matches(in WordSequence words) => MatchesIgnoringUnless(words) && !Unless.MatchesAnywhere(words);

    /// <summary>Matches when any piece matches. Crisis and emergency weigh each piece on its own, so
    /// "my son" in one sentence cannot silence a plan in another; deterrence stays silent when any piece
    /// has an unless phrase, because one "I found this and reported it" is enough to mean a reporter.</summary>
    public bool MatchesAnyPiece(IReadOnlyList<WordSequence> pieces, bool unlessAcrossPieces)
    {
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

    private bool MatchesIgnoringUnless(in WordSequence words)
    {
        if (Phrases.MatchesAnywhere(words))
        {
            return true;
        }

        foreach (var rule in Rules)
        {
            if (rule.Matches(words))
            {
                return true;
            }
        }

        return false;
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
