using System.Collections.Frozen;
using PreventionBot.Core.Content;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Core.Conversation;

/// <summary>A short reply to what the bot just said.</summary>
public enum FollowUp
{
    None,

    /// <summary>"what do i do", "now what": the next concrete step.</summary>
    WhatNow,
    Yes,
    No,
    Back,
    Restart,
    Thanks,

    /// <summary>"they're safe now", "I'm OK now": the person says the danger has passed.</summary>
    Safe,
}

/// <summary>
/// <c>dialogs/understanding/cues.yaml</c>: what a message says about the conversation rather than about a
/// topic. Who is speaking (stated in words, or implied by the reply a person chose), short follow-ups, and
/// the redirects that send a reply meant for one audience to the one that fits the speaker.
/// </summary>
public sealed class ConversationCues
{
    public const string File = "understanding/cues.yaml";

    /// <summary>A follow-up is a short message: longer ones say something of their own.</summary>
    private const int MaxFollowUpWords = 8;

    private readonly RoleEntry[] _roles;
    /// <summary>The phrase lists of cues.yaml, indexed by <see cref="CueList"/>.</summary>
    private readonly PhraseSet[] _lists;
    private readonly PhraseSet _safe;
    private readonly PhraseSet _thanks;
    private readonly (PhraseSet Phrases, PhraseSet Unless, HashSet<string> Intents)[] _ruledOut;
    private readonly Dictionary<string, FollowUp> _followUps;
    private readonly HashSet<string> _filler;
    private readonly HashSet<string> _questionWords;
    private readonly Dictionary<string, SpeakerRole> _impliedRoles;
    private readonly (string Intent, SpeakerRole Role, string To)[] _redirects;
    private readonly Dictionary<SpeakerRole, IReadOnlyDictionary<string, double>> _topicWeights;

    private ConversationCues(
        LanguagePacks languages,
        RoleEntry[] roles,
        PhraseSet[] lists,
        PhraseSet safe,
        PhraseSet thanks,
        Dictionary<string, FollowUp> followUps,
        HashSet<string> filler,
        HashSet<string> questionWords,
        Dictionary<string, SpeakerRole> impliedRoles,
        (string, SpeakerRole, string)[] redirects,
        Dictionary<SpeakerRole, IReadOnlyDictionary<string, double>> topicWeights,
        (PhraseSet, PhraseSet, HashSet<string>)[] ruledOut)
    {
        Languages = languages;
        _roles = roles;
        _lists = lists;
        _safe = safe;
        _thanks = thanks;
        _ruledOut = ruledOut;
        _followUps = followUps;
        _filler = filler;
        _questionWords = questionWords;
        _impliedRoles = impliedRoles;
        _redirects = redirects;
        _topicWeights = topicWeights;
    }

    /// <summary>No cues: every message is read on its own. For tests of other parts of the engine.</summary>
    public static ConversationCues None { get; } = new(LanguagePacks.Empty, [], NoLists, PhraseSet.Empty, PhraseSet.Empty, [], [], [], [], [], [], []);

    /// <summary>An empty list for every <see cref="CueList"/>: what a file without them gives.</summary>
    private static PhraseSet[] NoLists => [.. Enum.GetValues<CueList>().Select(_ => PhraseSet.Empty)];

    /// <summary>True when the message says, anywhere in it, what <paramref name="list"/> stands for.</summary>
    internal bool Says(CueList list, NormalisedText text) => Anywhere(Phrases(list), text);

    private PhraseSet Phrases(CueList list) => _lists[(int)list];

    /// <summary>The short replies for people who write in another language.</summary>
    public LanguagePacks Languages { get; }

    /// <summary>Who the speaker is after this message: the role it states, unless the current role is one
    /// that statement keeps ("I'm the mum" from a parent whose son made the image), or no role when it
    /// says the speaker is an adult and the bot had taken them for a young person.</summary>
    public SpeakerRole RoleAfter(string text, SpeakerRole current) => RoleAfter(NormalisedText.Of(text), current);

    /// <inheritdoc cref="RoleAfter(string, SpeakerRole)"/>
    internal SpeakerRole RoleAfter(NormalisedText text, SpeakerRole current)
    {
        using var words = WordSequence.FromNormalised(text.Value);
        var saysAdult = SaysAdult(words);
        if (current.IsUnder18() && saysAdult)
        {
            current = SpeakerRole.Unknown;
        }

        foreach (var (role, phrases, keepIf, onlyIf, unless, onlyWith) in _roles)
        {
            // A correction ("its a pic of ME") is only read as one from the role it corrects, and someone who says they are
            // an adult is not taken for a young person by what else they say. A denial ("nobody abused me") is not the
            // statement it contains. An entry whose phrases say half of it needs the other half too (`only_with`: pictures
            // on a phone are a stranger's screen only on a bus, a train or a seat near the writer).
            if ((onlyIf.Length > 0 && Array.IndexOf(onlyIf, current) < 0) || (saysAdult && role.IsUnder18())
                || unless.MatchesAnywhere(words) || (!onlyWith.IsEmpty && !onlyWith.MatchesAnywhere(words)))
            {
                continue;
            }

            if (phrases.MatchesAnywhere(words))
            {
                // What keeps a role keeps the narrower roles within it. A man who has said he harmed a child stays one whatever
                // he says of his thoughts ("i feel like a monster. am i a paedophile", a self phrase: the review of session 43, the
                // replies that study 123 had mended came back). Not every narrower role: a witness of a screen who then sees
                // children near the man ("hes sat down right next to a group of schoolgirls") is a bystander again.
                var keeps = Array.IndexOf(keepIf, current) >= 0
                    || (current == SpeakerRole.Harmer && role == SpeakerRole.Self)
                    || (current.Broader() != SpeakerRole.Unknown && Array.IndexOf(keepIf, current.Broader()) >= 0);
                return keeps ? current : role;
            }
        }

        return current;
    }

    /// <summary>True when the message says the writer is under 18 ("im 17 myself"), whatever role the bot already holds for
    /// them: a role that keeps its reading ("seeker") still hears the age.</summary>
    internal bool SaysUnder18(NormalisedText text) => RoleAfter(text, SpeakerRole.Unknown).IsUnder18();

    /// <summary>True when the message says the writer is an adult ("im 40", "im a teacher"): nothing in it makes them a
    /// young person.</summary>
    internal bool SaysAdult(NormalisedText text)
    {
        using var words = WordSequence.FromNormalised(text.Value);
        return SaysAdult(words);
    }

    private bool SaysAdult(in WordSequence words) => Phrases(CueList.AdultStatements).MatchesAnywhere(words);

    /// <summary>True for a short message that thanks the bot ("ok thank you, I'll ring them now"): a close,
    /// not a question. Longer messages say something of their own. Up to 18 words: a close often says what comes next
    /// ("thank you. I'll ring them in the morning when he's out. I just can't stop shaking", sixteenth study, 15 words,
    /// was not understood). Not longer, even with a plan: "i'm going to call first thing tomorrow morning ... thank you,
    /// honestly. im shaking" (study 100, 21 words, a teacher after a pupil's disclosure of abuse at home) is not a goodbye.
    /// Not a sarcastic one ("great so im a criminal now. thanks for nothing", cues.yaml <c>sarcastic_thanks</c>), and not a
    /// request for images that ends politely ("just one site thats all i need", study 105: the close, to a seeker).</summary>
    public bool SaysThanks(string text) => SaysThanks(NormalisedText.Of(text));

    private const int MaxThanksWords = 18;

    /// <inheritdoc cref="SaysThanks(string)"/>
    internal bool SaysThanks(NormalisedText text)
    {
        using var words = WordSequence.FromNormalised(text.Value);
        return words.Count <= MaxThanksWords && _thanks.MatchesAnywhere(words) && !Phrases(CueList.SarcasticThanks).MatchesAnywhere(words)
            && !Phrases(CueList.StillSeeking).MatchesAnywhere(words);
    }

    /// <summary>True when the message asks something: a question mark, a part of it that opens with a question
    /// word once filler is set aside ("ok thank you. one more, should i go to the police as well"), or a request put as a
    /// statement (cues.yaml `asking`: "i just need to know what to write down"). People in a hurry rarely type the
    /// question mark, and a question taken for a thank-you closes the conversation on them.</summary>
    public bool AsksSomething(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('?', StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var part in text.Split(ClauseEnds, StringSplitOptions.RemoveEmptyEntries))
        {
            var clause = new NormalisedText(TextNormaliser.Normalise(part));
            var words = clause.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(_filler.Contains).ToArray();
            // "if i ring samaritans will they tell the guards": a condition, then the question.
            if (words.Length > 0 && (_questionWords.Contains(words[0]) || (words[0] == "if" && words.Skip(1).Any(_questionWords.Contains)))
                && !OpensAPlan(words))
            {
                return true;
            }

            if (Says(CueList.Asking, clause))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a clause opens with "will" and a plain verb, with no subject between: the writer's own plan with
    /// the "I" dropped ("thanks so much. will try ringing them tomorrow", study 54: read as a question, so not a close). A
    /// question puts its subject there ("will they tell him").</summary>
    private static bool OpensAPlan(string[] words) =>
        words.Length > 1 && words[0] == "will" && PlanVerbs.Contains(words[1]);

    private static readonly HashSet<string> PlanVerbs = new(StringComparer.Ordinal)
    {
        "try", "ring", "call", "phone", "text", "email", "contact", "speak", "talk", "go", "do", "look", "tell", "report",
        "check", "keep", "wait", "give", "read", "sleep",
    };

    private static readonly char[] ClauseEnds = ['.', ',', '!', ';', ':', '\n', '-'];

    /// <summary>True when some part of the message asks something (<see cref="AsksSomething"/>) other than what to do
    /// next: "i took the medicines from the bathroom. how can i get the photo removed" asks; "its my daughter who said
    /// it. what do i do" asks only for the next step.</summary>
    internal bool AsksMoreThanWhatNow(string text)
    {
        foreach (var part in text.Split(ClauseEnds, StringSplitOptions.RemoveEmptyEntries))
        {
            if (AsksSomething(part) && FollowUpOf(part) != FollowUp.WhatNow)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the message says the danger has passed ("police are here, she's safe"), anywhere in it.</summary>
    public bool SaysSafe(string text) => SaysSafe(NormalisedText.Of(text), SpeakerRole.Unknown);

    /// <summary>As <see cref="SaysSafe(string)"/>, for who is speaking. Someone who saw abuse on a stranger's screen had no
    /// child there, so "theres no kid here" (cues.yaml <c>no_child_here</c>) says nothing about the danger passing while the
    /// man is still beside them (study 94: told "even though they've gone"); theirs passes when he leaves the bus or train
    /// (cues.yaml <c>screen_person_gone</c>), which for anyone else is not safety: a child may have gone with him (session
    /// 35's review). A hedge ("got off with her") cancels either.</summary>
    internal bool SaysSafe(NormalisedText text, SpeakerRole role) =>
        (Anywhere(_safe, text)
            || Anywhere(role == SpeakerRole.ScreenWitness ? Phrases(CueList.ScreenPersonGone) : Phrases(CueList.NoChildHere), text))
        && !Hedged(text);

    /// <summary>True when the message says, anywhere, that the person will not act on a crisis now ("i'm not going to
    /// do anything tonight"): not the danger passing, as <see cref="SaysSafe(string)"/> is, but room for a question.</summary>
    internal bool SaysNotActingNow(NormalisedText text) => Says(CueList.NotActingNow, text) && !Hedged(text);

    /// <summary>True when the message hedges a statement of being safe or of not acting ("anything tonight i dont think",
    /// cues.yaml <c>not_acting_hedges</c>, study 84): such a person is not yet safe, so neither statement counts.</summary>
    private bool Hedged(NormalisedText text) => Says(CueList.NotActingHedges, text);

    /// <summary>True when the message speaks, anywhere, of what a young person worried about their own thoughts speaks of
    /// (younger children, thoughts, urges, what they watch), and not in the words of someone who came across or was shown
    /// something (a `finder` role phrase: "this kid showed me a video ... it had little kids in it", twenty-fifth study):
    /// without it, the reply for those worries is never a guess. Empty, as in <see cref="None"/>, it is never held back.</summary>
    internal bool MayBeOwnThoughts(NormalisedText text) =>
        Phrases(CueList.OwnThoughts).IsEmpty
        || (Says(CueList.OwnThoughts, text) && !_roles.Any(group => group.Role == SpeakerRole.Finder && Anywhere(group.Phrases, text)));

    /// <summary>True when the message asks, anywhere, for someone to talk to or for help to stop ("is there actually anyone i
    /// could talk to about it"), and asks for no images (`still_seeking`): from someone who was seeking, a turn towards
    /// help.</summary>
    internal bool SaysTurningToHelp(NormalisedText text) =>
        Says(CueList.TurningToHelp, text) && !Says(CueList.StillSeeking, text);

    /// <summary>True when the message says, anywhere, that the person fears arrest for what they have already seen ("am i
    /// already in trouble", cues.yaml `arrest_fear`), and asks for no images (`still_seeking`).</summary>
    internal bool SaysArrestFear(NormalisedText text) => Says(CueList.ArrestFear, text) && !Says(CueList.StillSeeking, text);

    /// <summary>True when someone refused says they are no longer looking for anything ("im NOT trying to find anything
    /// anymore ok", cues.yaml `stopped_seeking`), and asks for no images (`still_seeking`).</summary>
    internal bool SaysStoppedSeeking(NormalisedText text) => Says(CueList.StoppedSeeking, text) && !Says(CueList.StillSeeking, text);

    /// <summary>True when the message says the writer will be, or may be, alone with a child ("i am alone with her after school
    /// 3 to 6", cues.yaml `alone_with_a_child`), and nothing that already happened (`already_happened`: "i was alone with my
    /// niece last night and i touched her").</summary>
    internal bool SaysAloneWithAChild(NormalisedText text) =>
        Says(CueList.AloneWithAChild, text) && !Says(CueList.AlreadyHappened, text);

    /// <summary>True when the writer says, in the first person, that they sexually harmed a child ("i was alone with my niece
    /// last night and i touched her", cues.yaml `harmed_a_child`), and not as an accusation or a denial (`harm_denied`).</summary>
    internal bool SaysHarmedAChild(NormalisedText text) =>
        Says(CueList.HarmedAChild, text) && !Says(CueList.HarmDenied, text);

    /// <summary>True when the message says, anywhere, that the person has images or asks whether to delete them or turn
    /// themselves in ("i saved some of it in a folder", "should i turn myself in"), and asks for none (`still_seeking`: "i
    /// already have a folder. where do i get more"): from someone who was seeking, owning up, whatever else the words weigh
    /// for the classifier.</summary>
    internal bool SaysOwningUp(NormalisedText text) => Says(CueList.OwningUp, text) && !Says(CueList.StillSeeking, text);

    /// <summary>The intents the message itself says are not the case (cues.yaml `ruled_out`): "hes not threatening me ...
    /// could he find my house" is not about threats or paying, whatever its words weigh for the classifier (study 55: the
    /// reply on threats, then "No." from the reply on paying, to a 13-year-old asking whether a man could find her).</summary>
    internal IReadOnlySet<string> RuledOut(NormalisedText normalised)
    {
        if (_ruledOut.Length == 0 || normalised.Value is null)
        {
            return NothingRuledOut;
        }

        HashSet<string>? intents = null;
        foreach (var (phrases, unless, ruled) in _ruledOut)
        {
            if (Anywhere(phrases, normalised) && !Anywhere(unless, normalised))
            {
                (intents ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(ruled);
            }
        }

        return intents ?? NothingRuledOut;
    }

    private static readonly IReadOnlySet<string> NothingRuledOut = FrozenSet<string>.Empty;

    /// <summary>True when the message says emergency help has been called and is coming ("i called 911, police are on
    /// their way", "ich habe 112 angerufen"): the next step is what to do until it arrives, not "call now" again. A call
    /// asked about is not one made: phrases match on stems, so "i call 112 now?" (twelfth study, in a second language)
    /// reads like "i called 112 now", and only its question mark tells them apart. So a clause that ends in one never
    /// counts, and `not_yet_called` in any other clause ("no i not call yet") cancels it all. In a question it does not:
    /// "ok i called, they are sending an officer. should i call his parents too?" (twenty-fourth study) has called.</summary>
    internal bool SaysHelpComing(string text, NormalisedText message)
    {
        using (var words = WordSequence.FromNormalised(message.Value))
        {
            if (!Phrases(CueList.HelpComing).MatchesAnywhere(words))
            {
                return false;
            }
        }

        var coming = false;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '?' && Array.IndexOf(ClauseEnds, text[i]) < 0)
            {
                continue;
            }

            var asked = i < text.Length && text[i] == '?';
            if (!asked && i > start)
            {
                var clause = NormalisedText.Of(text[start..i]);
                if (Says(CueList.NotYetCalled, clause))
                {
                    return false;
                }

                coming = coming || Says(CueList.HelpComing, clause);
            }

            start = i + 1;
        }

        return coming;
    }

    /// <summary>True when the message says help is there now ("police here now"), and not that it has been and gone or that
    /// the child is safe (cues.yaml <c>help_here</c>, <c>help_gone</c>): what to do while they are there, not the after-step.</summary>
    internal bool SaysHelpHere(NormalisedText text) => Says(CueList.HelpHere, text) && !Says(CueList.HelpGone, text);

    private static bool Anywhere(PhraseSet phrases, NormalisedText text)
    {
        using var words = WordSequence.FromNormalised(text.Value);
        return phrases.MatchesAnywhere(words);
    }

    /// <summary>The follow-up a short message is, once filler words are set aside, or <see cref="FollowUp.None"/>.</summary>
    public FollowUp FollowUpOf(string text) => FollowUpOf(NormalisedText.Of(text));

    /// <inheritdoc cref="FollowUpOf(string)"/>
    internal FollowUp FollowUpOf(NormalisedText text)
    {
        var words = text.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.Length > MaxFollowUpWords)
        {
            return FollowUp.None;
        }

        // Filler may be part of the phrase itself ("what now", "ok thanks"), so try the message as it is,
        // then without leading filler, then without trailing filler, then without both.
        var leading = words.SkipWhile(_filler.Contains).ToArray();
        ReadOnlySpan<string> candidates =
        [
            string.Join(' ', words),
            string.Join(' ', leading),
            string.Join(' ', words.Reverse().SkipWhile(_filler.Contains).Reverse()),
            string.Join(' ', leading.Reverse().SkipWhile(_filler.Contains).Reverse()),
        ];
        foreach (var candidate in candidates)
        {
            if (candidate.Length > 0 && _followUps.TryGetValue(candidate, out var followUp))
            {
                return followUp;
            }
        }

        return FollowUp.None;
    }

    /// <summary>The role a chosen reply implies ("#self-help" → self), for a speaker who has not said.</summary>
    public SpeakerRole ImpliedRole(string reference)
    {
        if (_impliedRoles.TryGetValue(reference, out var exact))
        {
            return exact;
        }

        return _impliedRoles.GetValueOrDefault(Intents.TopicOf(reference));
    }

    /// <summary>The reply a rule written for a narrower role itself (not its broader role's) sends this exact reply to, or the
    /// reply itself.</summary>
    public string OwnRedirect(string reference, SpeakerRole role) =>
        role.Broader() != SpeakerRole.Unknown && _redirects.FirstOrDefault(r => r.Role == role && r.Intent == reference) is { To: { } to }
            ? to
            : reference;

    /// <summary>The intent that fits this speaker: a survivor asking about "my images" is not asking for
    /// offender self-help, whatever the words suggested.</summary>
    public string Redirect(string intent, SpeakerRole role)
    {
        if (role == SpeakerRole.Unknown)
        {
            return intent;
        }

        // A redirect for the intent itself wins over one for its whole topic, wherever each is written: in file order,
        // "victim-support -> young-person" for a young person hid "victim-support/pay -> young-person/pay" (study 45: a
        // blackmailed 16-year-old's "what if i just pay them??" got the young people's menu).
        var topic = Intents.TopicOf(intent);
        string? forTopic = null;
        foreach (var (from, fromRole, to) in _redirects)
        {
            if (fromRole != role)
            {
                continue;
            }

            if (from == intent)
            {
                return to;
            }

            if (forTopic is null && from == topic)
            {
                forTopic = to;
            }
        }

        if (forTopic is not null || role.Broader() is not (var broader and not SpeakerRole.Unknown))
        {
            return forTopic ?? intent;
        }

        // A narrower role with no rule of its own is redirected as its broader role is, and then by its own rule for
        // where that leads: a young person's "victim-support/sextortion" is "young-person/threats", which for one who
        // shared someone else's picture is "young-person/put-right".
        var viaBroader = Redirect(intent, broader);
        return viaBroader == intent ? intent : OwnRedirect(viaBroader, role);
    }

    /// <summary>How much likelier each topic is from this speaker (<c>role_topics</c>), for the classifier; null for a
    /// speaker the bot knows nothing about.</summary>
    public IReadOnlyDictionary<string, double>? TopicWeights(SpeakerRole role) =>
        _topicWeights.GetValueOrDefault(role) ?? _topicWeights.GetValueOrDefault(role.Broader());

    /// <exception cref="ContentException">The file is malformed, names an unknown role or follow-up, or a
    /// redirect leads to a reply that does not exist.</exception>
    public static ConversationCues Load(string dialogsDirectory, BotContent content, LanguagePacks languages)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(languages);
        foreach (var wording in languages.CountryWordings)
        {
            if (content.FindByCode(wording.Country) is null)
            {
                throw UnderstandingContent.Problem(wording.File, $"replies.{wording.Key}", $"'{wording.Country}' is not a jurisdiction pack's code");
            }
        }

        var path = Path.Combine(dialogsDirectory, "understanding", "cues.yaml");
        if (!System.IO.File.Exists(path))
        {
            throw UnderstandingContent.Problem(File, "(file)", "the conversation cues are missing");
        }

        var (document, listsRead) = UnderstandingContent.ReadWithPhraseLists<CuesDocument>(path, File);
        var roles = new List<RoleEntry>();
        for (var i = 0; i < (document.Roles?.Count ?? 0); i++)
        {
            var entry = document.Roles![i];
            roles.Add(new RoleEntry(
                Role(entry.Role, $"roles[{i}].role"),
                UnderstandingContent.Phrases(entry.Phrases, File, $"roles[{i}].phrases"),
                [.. (entry.KeepIf ?? []).Select((id, k) => Role(id, $"roles[{i}].keep_if[{k}]"))],
                [.. (entry.OnlyIf ?? []).Select((id, k) => Role(id, $"roles[{i}].only_if[{k}]"))],
                UnderstandingContent.Phrases(entry.Unless, File, $"roles[{i}].unless"),
                UnderstandingContent.Phrases(entry.OnlyWith, File, $"roles[{i}].only_with")));
        }

        var followUps = new Dictionary<string, FollowUp>(StringComparer.Ordinal);
        foreach (var (kind, phrases) in document.FollowUps ?? [])
        {
            var followUp = kind switch
            {
                "what-now" => FollowUp.WhatNow,
                "yes" => FollowUp.Yes,
                "no" => FollowUp.No,
                "back" => FollowUp.Back,
                "restart" => FollowUp.Restart,
                "thanks" => FollowUp.Thanks,
                "safe" => FollowUp.Safe,
                _ => throw UnderstandingContent.Problem(File, $"follow_ups.{kind}", "is not a follow-up the engine knows (what-now, yes, no, back, restart, thanks, safe)"),
            };
            foreach (var phrase in phrases ?? [])
            {
                var normalised = TextNormaliser.Normalise(phrase);
                if (normalised.Length == 0 || (followUps.TryGetValue(normalised, out var other) && other != followUp))
                {
                    throw UnderstandingContent.Problem(File, $"follow_ups.{kind}", $"'{phrase}' is empty or is also another follow-up");
                }

                followUps[normalised] = followUp;
            }
        }

        var filler = (document.Filler ?? []).Select(TextNormaliser.Normalise).ToHashSet(StringComparer.Ordinal);
        var questionWords = (document.QuestionWords ?? []).Select(TextNormaliser.Normalise).ToHashSet(StringComparer.Ordinal);
        if (questionWords.Any(w => w.Length == 0 || w.Contains(' ', StringComparison.Ordinal)))
        {
            throw UnderstandingContent.Problem(File, "question_words", "each entry must be one word");
        }

        var implied = new Dictionary<string, SpeakerRole>(StringComparer.Ordinal);
        foreach (var (reference, role) in document.ImpliedRoles ?? [])
        {
            RequireReply(content, reference, $"implied_roles.{reference}");
            implied[reference] = Role(role, $"implied_roles.{reference}");
        }

        var redirects = new List<(string, SpeakerRole, string)>();
        for (var i = 0; i < (document.Redirects?.Count ?? 0); i++)
        {
            var rule = document.Redirects![i];
            var key = $"redirects[{i}]";
            if (rule.Intent is null || rule.To is null)
            {
                throw UnderstandingContent.Problem(File, key, "needs intent, role and to");
            }

            RequireReply(content, rule.Intent, key + ".intent");
            RequireReply(content, rule.To, key + ".to");
            var role = Role(rule.Role, key + ".role");
            // A second rule for the same intent and speaker would never be used.
            if (redirects.Any(r => r.Item1 == rule.Intent && r.Item2 == role))
            {
                throw UnderstandingContent.Problem(File, key, $"repeats the redirect of '{rule.Intent}' for '{rule.Role}'");
            }

            redirects.Add((rule.Intent, role, rule.To));
        }

        var topicWeights = new Dictionary<SpeakerRole, IReadOnlyDictionary<string, double>>();
        foreach (var (roleId, weights) in document.RoleTopics ?? [])
        {
            var key = $"role_topics.{roleId}";
            var byTopic = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (topic, weight) in weights ?? [])
            {
                // Safety topics are never weighed by who seems to be speaking: a role read from words can be wrong,
                // and a crisis or a request for material must be heard whoever the bot took the person for.
                if (!TopicIds.All.Contains(topic) || Intents.IsSafety(topic) || topic is TopicIds.System)
                {
                    throw UnderstandingContent.Problem(File, $"{key}.{topic}", "is not a topic that a speaker's role may weigh (any topic but crisis, emergency, deterrence and system)");
                }

                if (weight is not (>= MinTopicWeight and <= MaxTopicWeight))
                {
                    throw UnderstandingContent.Problem(File, $"{key}.{topic}", $"must be between {MinTopicWeight} and {MaxTopicWeight}");
                }

                byTopic[topic] = weight;
            }

            topicWeights[Role(roleId, key)] = byTopic;
        }

        var lists = NoLists;
        foreach (var (key, phrases) in listsRead)
        {
            if (!ListsByKey.TryGetValue(key, out var list))
            {
                throw UnderstandingContent.Problem(File, key, $"is not a part of the file the engine reads ({string.Join(", ", ListsByKey.Keys.Order(StringComparer.Ordinal))}, or {string.Join(", ", UnderstandingContent.KeysOf<CuesDocument>())})");
            }

            lists[(int)list] = UnderstandingContent.Phrases(phrases, File, key);
        }

        // A list left out is a problem, not an empty list: without `harm_denied`, every accusation reads as an admission (the
        // review of session 43). An empty list (`key: []`) stays allowed.
        if (ListsByKey.Keys.FirstOrDefault(key => !listsRead.Any(read => read.Key == key)) is { } missing)
        {
            throw UnderstandingContent.Problem(File, missing, "is missing: every phrase list the engine reads must be in the file (an empty one is `[]`)");
        }

        var safe = UnderstandingContent.Phrases(document.FollowUps?.GetValueOrDefault("safe"), File, "follow_ups.safe");
        var thanks = UnderstandingContent.Phrases(document.FollowUps?.GetValueOrDefault("thanks"), File, "follow_ups.thanks");
        var ruledOut = new List<(PhraseSet, PhraseSet, HashSet<string>)>();
        foreach (var (entry, index) in (document.RuledOut ?? []).Select((e, i) => (e, i)))
        {
            var key = $"ruled_out[{index}]";
            if (entry.Intents is not { Count: > 0 } intents)
            {
                throw UnderstandingContent.Problem(File, key, "needs the intents the phrases rule out");
            }

            foreach (var intent in intents)
            {
                RequireReply(content, intent, $"{key}.intents");
            }

            ruledOut.Add((
                UnderstandingContent.Phrases(entry.Phrases, File, $"{key}.phrases"),
                UnderstandingContent.Phrases(entry.Unless, File, $"{key}.unless"),
                intents.ToHashSet(StringComparer.Ordinal)));
        }

        return new ConversationCues(languages, [.. roles], lists, safe, thanks, followUps, filler, questionWords, implied, [.. redirects], topicWeights, [.. ruledOut]);
    }

    /// <summary>Each phrase list by its key in cues.yaml: its name in snake case.</summary>
    private static readonly FrozenDictionary<string, CueList> ListsByKey =
        Enum.GetValues<CueList>().ToFrozenDictionary(UnderstandingContent.KeyOf, StringComparer.Ordinal);

    /// <summary>A role settles a hesitant reading; it never rules a topic in or out on its own.</summary>
    private const double MinTopicWeight = 0.3;
    private const double MaxTopicWeight = 2.0;

    private static void RequireReply(BotContent content, string reference, string key)
    {
        if (!content.TryGetReply(content.International, reference, out _))
        {
            throw UnderstandingContent.Problem(File, key, $"'{reference}' is not a topic or a reply in dialogs/topics");
        }
    }

    private static SpeakerRole Role(string? id, string key) =>
        SpeakerRoles.TryParse(id, out var role)
            ? role
            : throw UnderstandingContent.Problem(File, key, $"'{id}' is not a role ({string.Join(", ", SpeakerRoles.KnownIds)})");

    // YAML shapes: mutable because YamlDotNet fills them property by property.
    private sealed class CuesDocument
    {
        public List<RoleDocument>? Roles { get; set; }

        public Dictionary<string, List<string>>? FollowUps { get; set; }

        public List<string>? Filler { get; set; }

        public List<string>? QuestionWords { get; set; }

        public Dictionary<string, string>? ImpliedRoles { get; set; }

        public List<RedirectDocument>? Redirects { get; set; }

        public Dictionary<string, Dictionary<string, double>?>? RoleTopics { get; set; }

        public List<RuledOutDocument>? RuledOut { get; set; }
    }

    private sealed class RuledOutDocument
    {
        public List<string>? Phrases { get; set; }

        public List<string>? Unless { get; set; }

        public List<string>? Intents { get; set; }
    }

    /// <summary>One entry of cues.yaml's <c>roles</c>, read (see dialogs/README.md, "Conversation cues").</summary>
    private sealed record RoleEntry(
        SpeakerRole Role, PhraseSet Phrases, SpeakerRole[] KeepIf, SpeakerRole[] OnlyIf, PhraseSet Unless, PhraseSet OnlyWith);

    private sealed class RoleDocument
    {
        public string? Role { get; set; }

        public List<string>? KeepIf { get; set; }

        public List<string>? OnlyIf { get; set; }

        public List<string>? Phrases { get; set; }

        public List<string>? Unless { get; set; }

        public List<string>? OnlyWith { get; set; }
    }

    private sealed class RedirectDocument
    {
        public string? Intent { get; set; }

        public string? Role { get; set; }

        public string? To { get; set; }
    }
}
