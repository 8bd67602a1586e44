namespace PreventionBot.Core.Understanding;

/// <summary>
/// One safety lexicon (<c>dialogs/safety/&lt;topic&gt;.yaml</c>). It matches when any of its
/// <see cref="Phrases"/> occurs, or a <see cref="Requests"/> phrase is followed within
/// <see cref="Window"/> words by a <see cref="Targets"/> phrase ("where can i find" … "cp") — unless an
/// <see cref="Unless"/> phrase occurs anywhere, in which case the lexicon stays silent and the
/// classifier decides. The unless list is how a parent asking about nudify apps, a person reporting a
/// link or a young person whose image was faked avoids being treated as someone seeking abuse images.
/// </summary>
internal sealed class SafetyLexicon(
    string topicId, PhraseSet phrases, PhraseSet requests, PhraseSet targets, int window, PhraseSet unless)
{
    public string TopicId { get; } = topicId;

    public PhraseSet Phrases { get; } = phrases;

    public PhraseSet Requests { get; } = requests;

    public PhraseSet Targets { get; } = targets;

    /// <summary>How many words may sit between the end of a request and the start of its target.</summary>
    public int Window { get; } = window;

    public PhraseSet Unless { get; } = unless;

    public bool Matches(in WordSequence words)
    {
        if (!MatchesWithoutExceptions(words))
        {
            return false;
        }

        return !Unless.MatchesAnywhere(words);
    }

    private bool MatchesWithoutExceptions(in WordSequence words)
    {
        if (Phrases.MatchesAnywhere(words))
        {
            return true;
        }

        if (Requests.IsEmpty || Targets.IsEmpty)
        {
            return false;
        }

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
        if (Emergency.Matches(words))
        {
            return Emergency.TopicId;
        }

        if (Crisis.Matches(words))
        {
            return Crisis.TopicId;
        }

        return Deterrence.Matches(words) ? Deterrence.TopicId : null;
    }
}
