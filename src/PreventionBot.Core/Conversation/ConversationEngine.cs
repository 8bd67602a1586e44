using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using PreventionBot.Core.Content;
using PreventionBot.Core.Storage;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Core.Conversation;

/// <summary>
/// The turn pipeline: validate → load state → understand → route → respond → save state, inside one error
/// boundary. Whatever goes wrong, the user gets a safe reply with help contacts and the failure is logged
/// without anything the user wrote.
/// </summary>
/// <remarks>
/// A typed message is read against where the conversation is, in this order: the safety screen (every
/// sentence, every language; it wins over everything), who is speaking, the safety mode (after a crisis or
/// emergency reply every turn keeps those numbers until the person clearly moves on), a country statement,
/// a typed button title, a follow-up ("now what", "yes", "back", "thanks"), and only then the classifier,
/// whose intent is fitted to the speaker (a survivor is never sent offender self-help). The same reply is
/// never sent twice in a row: the next step is sent instead.
/// </remarks>
public sealed partial class ConversationEngine(
    BotContent content,
    IIntentRouter router,
    ConversationCues cues,
    IConversationStore store,
    TimeProvider time,
    ConversationOptions options,
    ILogger<ConversationEngine> logger)
{
    public BotContent Content => content;

    public async Task<TurnResult> HandleAsync(TurnRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await RunTurnAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Type and stack only: an exception message could in principle quote input.
            LogTurnFailed(logger, e.GetType().FullName ?? e.GetType().Name, e.StackTrace ?? string.Empty);
            var jurisdiction = content.FindByLocale(request.Locale) ?? content.International;
            return new TurnResult([content.GetReply(jurisdiction, SystemReplies.Error)], request.Locale ?? jurisdiction.DefaultLocale);
        }
    }

    private async Task<TurnResult> RunTurnAsync(TurnRequest request, CancellationToken cancellationToken)
    {
        // Validate.
        if (request.Kind == TurnKind.DeleteConversation)
        {
            await store.DeleteAsync(request.ConversationKey, cancellationToken);
            var j = content.FindByLocale(request.Locale) ?? content.International;
            return new TurnResult([content.GetReply(j, SystemReplies.Deleted)], request.Locale ?? j.DefaultLocale);
        }

        if (request.Kind == TurnKind.Message && string.IsNullOrWhiteSpace(request.Text) && !request.HasAttachments)
        {
            return TurnResult.Silent(request.Locale ?? content.International.DefaultLocale);
        }

        // Load, answer, save; again from the start if another turn of this conversation saved in between (two
        // messages sent at once, or two hosts). The answer is a pure function of the request and the state, so a
        // repeat costs only time, and the replies sent are always those of the state that was saved.
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var loaded = await store.LoadAsync(request.ConversationKey, cancellationToken);
            var (state, result) = Answer(request, loaded, now);
            if (await store.TrySaveAsync(request.ConversationKey, state, cancellationToken))
            {
                return result;
            }

            LogSaveConflict(logger, attempt);
            if (attempt == MaxSaveAttempts)
            {
                throw new InvalidOperationException($"The conversation's state kept changing under the turn ({attempt} attempts).");
            }

            // Each round lets at least one of the competing turns land; a little jitter keeps them from meeting again.
            await Task.Delay(Random.Shared.Next(0, 2 * attempt), cancellationToken);
        }
    }

    /// <summary>How often a turn is run again after losing a save race before it gives up with the error reply.</summary>
    internal const int MaxSaveAttempts = 20;

    private (ConversationState State, TurnResult Result) Answer(TurnRequest request, ConversationState? loaded, DateTimeOffset now)
    {
        var state = loaded;
        if (state is null || state.SchemaVersion != ConversationState.CurrentSchemaVersion
            || now - state.LastActivityUtc > options.StateExpiry)
        {
            // A fresh start replaces whatever is stored, so it keeps the stored version to save against.
            state = new ConversationState { ETag = loaded?.ETag ?? 0 };
        }

        if (!state.JurisdictionChosenByUser && content.FindByLocale(request.Locale) is { } fromLocale)
        {
            state = state with { Jurisdiction = fromLocale.Code };
        }

        // Understand and route.
        var plan = Plan(request, state);
        state = plan.State;
        var jurisdiction = content.FindByCode(state.Jurisdiction) ?? content.International;
        var role = RoleOf(state);

        // Respond. Never the same reply twice in one turn: a safety step and the answer beside it can be one reply (a screen
        // witness's question about reporting is redirected to the step just given, study 92's replay).
        var replies = new List<BotReply>(3);
        foreach (var step in plan.Steps.DistinctBy(step => step.Reference))
        {
            replies.Add(Render(step, jurisdiction, role));
        }

        if (plan.MayAskForCountry && state.Jurisdiction is null && !state.AskedForCountry)
        {
            replies.Add(Render(new Step(SystemReplies.AskCountry), jurisdiction, role));
            state = state with { AskedForCountry = true };
        }

        // Save state.
        // A turn that shows two replies (a safety reminder, then the answer to a question) leaves the first of
        // them as the previous reply: "back" returns to it, and a safety mode knows which step it last gave.
        var contentReplies = replies.Where(r => r.TopicId != TopicIds.System).ToList();
        var shown = contentReplies.Count > 0 ? contentReplies[^1].Ref : state.LastReply;
        state = state with
        {
            PreviousReply = contentReplies.Count > 1 ? contentReplies[^2].Ref
                : shown != state.LastReply ? state.LastReply : state.PreviousReply,
            LastReply = shown,
            LastReplyJurisdiction = contentReplies.Count > 0 ? state.Jurisdiction : state.LastReplyJurisdiction,
            LastSystemReply = replies.Count > 0 && replies[^1].TopicId == TopicIds.System ? replies[^1].Ref : null,
            TurnCount = state.TurnCount + 1,
            LastActivityUtc = now,
        };

        return (state, new TurnResult(replies, request.Locale ?? jurisdiction.DefaultLocale, role));
    }

    private TurnPlan Plan(TurnRequest request, ConversationState state)
    {
        if (request.Kind == TurnKind.ConversationStarted)
        {
            return new TurnPlan(state, [new Step(TopicIds.Welcome)], MayAskForCountry: true);
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return new TurnPlan(state, [new Step(SystemReplies.NotAccepted)], MayAskForCountry: false);
        }

        var text = request.Text;
        if (PostBack.TryParse(text, out var postBack))
        {
            return PlanPostBack(postBack, state);
        }

        // Normalised once here for every later reading of the message (speaker, follow-up, thanks, typed
        // button titles), rather than once by each of them. Who is speaking is read first, so that this very
        // message ("I'm 15, what do I do now") is read as that speaker's.
        var withinLength = text.Length <= options.MaxMessageLength;
        var message = withinLength ? NormalisedText.Of(text) : default;
        var roleBefore = RoleOf(state);
        if (withinLength)
        {
            var role = cues.RoleAfter(message, RoleOf(state));
            // Taken for a teenager by what they said they watched, and now saying they are an adult ("uh im not a kid lol im
            // 27. is what i watched actually illegal?", study 143: the young people's replies on parents, babysitting and
            // blackmail, six times): someone worried about their own viewing, not a speaker the bot knows nothing about, whose
            // next reading would be a young person's again.
            // Only their own age, said as theirs: not a parent taking over ("this is his mom. im 41"), nor a joke ("im an adult in
            // like 4 years"), the second review of session 47.
            if (roleBefore.IsUnder18() && role == SpeakerRole.Unknown && InLastTwo(state, YoungViewingReplies)
                && cues.Says(CueList.OwnAdultAge, message) && !cues.Says(CueList.OwnAdultAgeUnless, message))
            {
                role = SpeakerRole.Self;
            }

            state = state with { Role = role == SpeakerRole.Unknown ? null : role.ToId() };
        }

        // Safety first, over the whole message at any length. In a crisis or emergency the message is read for what it
        // says alone: a role must not turn a hesitant "is there a dutch number for that?" after the crisis lines into a
        // confident self-help question that replaces the next crisis step.
        var ruledOut = cues.RuledOut(message);
        var routed = router.Route(
            text, ContextTopic(state), ModeTopic(state) is null ? cues.TopicWeights(RoleOf(state)) : null, LanguageOfLastReply(state),
            ruledOut);

        // "no not me, HIM. my husband. hes at his brothers place. should i call 911 on him or what" (study 38: a wife whose
        // husband had texted that there was no point any more, taken for the one at risk, then given the emergency reply for a
        // child): the crisis is someone else's, and its reply says what to do for them, with the numbers. English only: the
        // language packs have one crisis reply for the writer and someone else alike.
        if (ModeTopic(state) == TopicIds.Crisis && ChainIn(TopicIds.Crisis, state) != SomeoneElseChain && routed.Language is null
            && message.Value is not null && cues.Says(CueList.SomeoneElse, message))
        {
            return new TurnPlan(
                state with { SafetyMode = PartOf(IntentRouter.CrisisForSomeoneElse) },
                [new Step(IntentRouter.CrisisForSomeoneElse)],
                MayAskForCountry: false);
        }

        // The same correction just after the reply for someone else's crisis ("she just texted me 'i just want to die'", then
        // "no not me, its my daughter who said it. what do i do right now", study 111's replay of berenike-1 and helen-1: once
        // the quote was read as the daughter's, the correction got a reminder and the reply on grooming): the next step for
        // them, not a topic the classifier finds in it. Whether to pay a blackmailer is answered after it ("its not me its my
        // son!! hes 16. should i just pay the $500 so they delete it??", study 113: the next crisis step, with no "don't pay").
        if (ModeTopic(state) == TopicIds.Crisis && ChainIn(TopicIds.Crisis, state) == SomeoneElseChain && routed.Language is null
            && state.LastReply is IntentRouter.CrisisForSomeoneElse or CrisisSomeoneElseChild && message.Value is not null
            && cues.Says(CueList.SomeoneElse, message)
            && routed.Reason != RouteReason.SafetyLexicon)
        {
            Step nextStep = new(NextInSafetyMode(TopicIds.Crisis, state));
            return new TurnPlan(
                state,
                WhetherToPay(routed) is { } pay ? [nextStep, new Step(cues.Redirect(pay, RoleOf(state)))] : [nextStep],
                MayAskForCountry: false);
        }

        // Someone at risk gone silent, in a crisis for someone else ("hes not answering me through the door now just silence.
        // should i break the door down??", study 149, a mother whose sextorted son had locked himself in: the emergency reply
        // for a child in danger, "tell staff, a driver"): call now, and let the call handler say whether to force the door. Said
        // again, its second wording (Answer gives it); whatever the lexicon read in it, this is still their crisis.
        // Not when the lexicon reads the writer's own crisis, or an emergency other than the door itself ("hes not responding. i
        // took a whole bottle of pills too", "shes not answering me. and ... her boyfriend is hurting her little girl right now",
        // the review of session 49), nor when they are safe or it is someone else who is silent. Their own words quoted again
        // are still their crisis ("hes still not answering. should i ring the guards about him being missing, he said hed kill
        // himself", study 157: "stay with them").
        if (ModeTopic(state) == TopicIds.Crisis && ChainIn(TopicIds.Crisis, state) == SomeoneElseChain && routed.Language is null
            && message.Value is not null && cues.Says(CueList.NoAnswerFromThem, message) && !cues.Says(CueList.NoAnswerUnless, message)
            && (routed.Reason != RouteReason.SafetyLexicon || routed.Intent == IntentRouter.CrisisForSomeoneElse
                || (routed.Intent == TopicIds.Emergency && routed.Secondary is null && cues.Says(CueList.NoAnswerDoor, message))))
        {
            return Answer(state, CrisisSomeoneElseNoAnswer, typed: true);
        }

        if (routed is { Reason: RouteReason.SafetyLexicon, Intent: { } safety })
        {
            return PlanSafety(routed, safety, text, message, state);
        }

        // "I'm not suicidal lol": a crisis the bot read into an argument (fourth study) ends when the person says so.
        // If something else was asked it is answered as usual; if not, a short acknowledgement that keeps the line.
        if (routed.DeniesCrisis && ModeTopic(state) == TopicIds.Crisis)
        {
            state = state with { SafetyMode = null };

            // In another language the acknowledgement would be English: the message is answered in that language below,
            // with the topic the conversation holds there (study 41: "no, no voy a hacerme nada, tranquila" got the crisis
            // reply again).
            // A question beside the denial is read as any other ("no not like that im not going to do anything. i just want it
            // GONE. can i report it in the snapchat app", study 50's replay: the acknowledgement, and the question left).
            if (routed.Intent is null && routed.Language is null && !cues.AsksSomething(text))
            {
                return new TurnPlan(state, [new Step(SystemReplies.CrisisDenied)], MayAskForCountry: false);
            }
        }

        // "Mate I'm not suicidal, stop with the lifeline stuff" from someone refused: heard, and offered the way out
        // rather than the refusal again (fifth study). Given the way out just now, beside the crisis reminder, the help itself
        // ("no not that, im not suicidal. i mean the pictures ... is there anyone", study 150: the refusal, as a way out asked
        // for again).
        if (routed.DeniesCrisis && RoleOf(state) == SpeakerRole.Seeker && routed.TopicId is null or TopicIds.Deterrence)
        {
            return Answer(state, WayOutForSeeker(state, null), typed: true);
        }

        if (!withinLength)
        {
            return new TurnPlan(state, [new Step(SystemReplies.TooLong)], MayAskForCountry: false);
        }

        // A young person's worry about their own thoughts is never a guess: read from a message that speaks of none of it, and
        // not already the conversation's, the young people's opening reply instead (cues.yaml `own_thoughts`). Also when a
        // young person's message reads as self-help, which is redirected to it ("can i message them instead of calling? i cant
        // talk on the phone at home", twentieth study, a 14-year-old whose fake nude was going round).
        if (routed.Intent is { } read && OwnThoughtsUnspoken(cues.Redirect(read, RoleOf(state)), message, state))
        {
            routed = routed with { Intent = TopicIds.YoungPerson };
        }

        // A young person who has said the worry is their own thoughts keeps that reading while a message is hesitant between
        // it and the young people's other replies (twenty-seventh study, a 14-year-old who babysits: "should i stop
        // babysitting?" got the reply on not paying a blackmailer, "im asking about the babysitting" the one on taking an
        // image down, "its ME with the thoughts" the steps for someone worried about another adult).
        if (routed is { Intent: null, Candidates: [var hesitant, ..] }
            && hesitant.TopicId is TopicIds.SelfHelp or TopicIds.YoungPerson && RoleOf(state) == SpeakerRole.YoungPerson
            && (state.LastReply is YoungPersonOwnThoughts or YoungPersonOwnThoughtsMore
                || state.PreviousReply is YoungPersonOwnThoughts or YoungPersonOwnThoughtsMore)
            && !cues.SaysThanks(message))
        {
            routed = routed with { Intent = YoungPersonOwnThoughts };
        }

        // "im 13", just after a reply written for someone else (fifteenth study: a girl whose classmates made a fake nude of
        // her was first taken for an adult survivor, and her "im 13" was read as a young person's worry about their own
        // thoughts): a few words that only say who they are get the last reply as written for them, when there is one.
        if (RoleOf(state) != roleBefore && WordCount(text) <= MaxGreetingWords && ModeTopic(state) is null
            && state.LastReply is { } last && !last.StartsWith(TopicIds.System + "/", StringComparison.Ordinal)
            && cues.Redirect(last, RoleOf(state)) is var rewritten && rewritten != last)
        {
            return Answer(Imply(state, rewritten), rewritten, typed: true);
        }

        var followUp = cues.FollowUpOf(message);

        // Read once: whether the message asks something decides several of the steps below.
        var asksSomething = cues.AsksSomething(text);

        // "She's calmer now. How do I get this picture taken down?": the danger has passed and something is clearly
        // asked; the mode ends and the question is answered. A question not understood gets the mode's after-step.
        // Only a crisis ends this way: after an emergency, "police are here, she's safe, what happens next?" is best
        // met by the emergency's own next step (sixth study).
        var saysSafe = cues.SaysSafe(message, RoleOf(state));
        string? askedWhileSafe = null;
        if (ModeTopic(state) == TopicIds.Crisis && asksSomething)
        {
            if (saysSafe && routed is { Reason: RouteReason.Classifier, Intent: { } clear } && !Intents.IsSafety(clear))
            {
                state = state with { SafetyMode = null };
            }
            else if ((saysSafe || cues.SaysNotActingNow(message)) && AskedWhileSafe(text, message, state, saidCalmer: true) is { } asked)
            {
                // Read again as outside the crisis, the question is clear enough. When the danger has passed ("ok we rang
                // samaritans together, shes calmer now. how do i get this picture taken down") the crisis ends and it is
                // answered; "im not going to do anything tonight. is there therapy for this that works" is safe for now
                // only, so the crisis goes on and the answer comes beside its reminder.
                if (saysSafe)
                {
                    var fitted = cues.Redirect(asked, RoleOf(state));
                    return Answer(Imply(state with { SafetyMode = null }, fitted), fitted, typed: true);
                }

                askedWhileSafe = asked;
            }
        }

        // Someone with the thoughts, in their own crisis, who says they will be alone with a child (`alone_with_a_child`: "i
        // dont want to die now. i ask what i do this afternoon, i am alone with her after school 3 to 6", "should i not be
        // alone with her? what i tell my girlfriend", study 119: the crisis steps, then the reply on telling a partner): the
        // plan for being with a child, beside the crisis reminder, however the question reads. The crisis goes on.
        // For a man who has said he harmed a child, the reply for him on looking after the child, never the plan "before it
        // happens" (the review of session 43).
        if (ModeTopic(state) == TopicIds.Crisis && RoleOf(state).IsSelf() && message.Value is not null
            && !AfterUnwantedThoughts(state) && cues.SaysAloneWithAChild(message)
            && (RoleOf(state) == SpeakerRole.Harmer ? SelfHelpActedNext : AroundChildrenReply(message)) is var aroundChildren
            && !IsLast(state, aroundChildren))
        {
            askedWhileSafe = aroundChildren;
        }

        // Someone close to a child, in a crisis, who says they won't act on it and blames themselves ("no im not going to do
        // anything stupid ... i just feel like i let them down", study 146, a mother after her brother's arrest: the ways to keep
        // safe again, and nothing on the guilt): the reply on self-blame, beside the crisis reminder. The crisis goes on. As for a
        // question, "not tonight" is safe for now only: the answer still comes beside the reminder, never in its place.
        var speaker = RoleOf(state);
        if (askedWhileSafe is null && ModeTopic(state) == TopicIds.Crisis
            && speaker is SpeakerRole.ConcernedOther or SpeakerRole.ParentOfVictim or SpeakerRole.ParentOfHarmer
            && (saysSafe || cues.SaysNotActingNow(message)) && cues.Says(CueList.BlamesThemselves, message))
        {
            var guilt = speaker == SpeakerRole.ParentOfVictim ? ParentsEducatorsParentGuilt : cues.Redirect(ConcernOtherSelfBlame, speaker);
            askedWhileSafe = InLastTwo(state, guilt) ? null : guilt;
        }

        // After an emergency, a clear question from someone who says the child is safe ("no she is safe now, the police are
        // here. i just need to know what to write down"; "she is safe right now, she is in the library. should I call her
        // mom first?", twenty-third study: both got the emergency's next step, twice) is answered as it would be outside
        // the emergency, and the emergency ends. "What happens next?" is not such a question: the next step answers it.
        if (ModeTopic(state) == TopicIds.Emergency && saysSafe && asksSomething && followUp is FollowUp.None or FollowUp.Safe
            && ClearOutsideSafety(text, message, state) is { } outside)
        {
            var fitted = cues.Redirect(outside, RoleOf(state));
            return Answer(Imply(state with { SafetyMode = null }, fitted), fitted, typed: true);
        }

        // Someone writing in another language who says the child is safe ("no esta en peligro ahora, esta en su cuarto conmigo
        // en casa. mi pregunta es si es urgente o puedo ir mañana", study 36: the emergency steps three times, then the English
        // after-step): the emergency ends, and the message is answered in their language as any other is, below.
        if (ModeTopic(state) == TopicIds.Emergency && saysSafe && routed.Reason == RouteReason.OtherLanguage)
        {
            state = state with { SafetyMode = null };
        }

        // "ich bin aus österreich", in a crisis or not: the country is kept, so the numbers fit whatever comes next. So is one
        // said in English inside a safety mode ("I live in Manchester, England not Poland. Its not emergency now", study 59:
        // the next step kept the international numbers), which is otherwise answered before the country is read.
        // Read once: the same statement is chosen below when no earlier step answers the message.
        var named = CountryStatements.Find(text, content, state.JurisdictionChosenByUser, CountryKnown(state));
        if ((routed.Reason == RouteReason.OtherLanguage || ModeTopic(state) is not null) && named is not null)
        {
            state = Choose(state, named);
        }

        // An emergency reading is not understanding once the message says the danger has passed ("cops came and left").
        var understood = routed.Reason == RouteReason.Classifier && !(saysSafe && routed.TopicId == TopicIds.Emergency);
        if (AfterEmergency(message, saysSafe, followUp, asksSomething, understood, state) is { } after)
        {
            return after;
        }

        // Someone whose friend or relative spoke of suicide, asking whether to tell anyone when they were asked not to ("he said
        // not to tell anyone tho. should i tell my mum or his parents?? he'll hate me", study 135, a boy of 15 whose mate is
        // sextorted: the opening reply for someone worried about another adult, "Stop It Now", dangerous): tell someone. Not
        // for a parent or a professional, whose own replies say whom to tell (a pupil's parents may be the danger).
        if (ModeTopic(state) == TopicIds.Crisis && ChainIn(TopicIds.Crisis, state) == SomeoneElseChain && message.Value is not null
            && RoleOf(state) is SpeakerRole.Unknown or SpeakerRole.ConcernedOther or SpeakerRole.YoungPerson
            && cues.Says(CueList.KeepingTheirSecret, message) && !IsLast(state, CrisisSomeoneElseSecret))
        {
            return new TurnPlan(state, [new Step(CrisisSomeoneElseSecret)], MayAskForCountry: false);
        }

        // Someone who says help is on its way to the person in crisis ("right ive rang 999 theyre sending someone round to his. im
        // driving over there now", study 155: the second step, "call 999"): what to do while it comes. Said again, the steps go on;
        // a question beside it ("police are on the way. what do i tell parents?", study kai-1) is answered as before, and an
        // emergency read in it ("now hes here and hes threatening me with a knife", the second review of session 50) is one.
        if (ModeTopic(state) == TopicIds.Crisis && ChainIn(TopicIds.Crisis, state) == SomeoneElseChain && message.Value is not null
            && !saysSafe && !asksSomething && routed.Intent != TopicIds.Emergency && cues.SaysHelpComing(text, message)
            && !InLastTwo(state, CrisisSomeoneElseComing))
        {
            return new TurnPlan(state, [new Step(CrisisSomeoneElseComing)], MayAskForCountry: false);
        }

        if (ModeTopic(state) is { } mode
            && PlanInSafetyMode(mode, routed, followUp, saysSafe, asksSomething, askedWhileSafe, text, message, ruledOut, state) is { } safe)
        {
            return safe;
        }

        if (routed is { Reason: RouteReason.OtherLanguage, Language: { } language })
        {
            // Someone worried about their own thoughts gets the reply written for them; so does whatever they write
            // next in their language that says nothing new ("merci, mais je ne sais pas quoi faire"): their situation
            // has not changed, and "this chat is only in English" would read as a door closing.
            if (routed.TopicId == TopicIds.SelfHelp || RoleOf(state).IsSelf() || IsInTopic(state, TopicIds.SelfHelp))
            {
                state = Imply(state, TopicIds.SelfHelp);
                return new TurnPlan(state, [InLanguage(TopicIds.SelfHelp, language, state)], MayAskForCountry: false);
            }

            // A young person or a parent whose child's images are shared or used to blackmail ("to no brasil ... com quem eu
            // falo??"), someone who found images of children, someone worried that a child is abused or groomed: the reply
            // written for them, and for what they write next in their language, unless that is only a thank-you, which gets
            // the close in their language.
            var thanksOnly = cues.SaysThanks(message) && !asksSomething;
            if (TopicHeldInLanguage(routed, state, thanksOnly) is { } held)
            {
                return new TurnPlan(state, [InLanguage(held, language, state)], MayAskForCountry: false);
            }

            if (thanksOnly)
            {
                return new TurnPlan(state, [Close(routed, state)], MayAskForCountry: false);
            }

            // Just after an emergency in their language, once the child is safe ("j'ai appelé le 17, la police arrive. qu'est ce
            // que je fais maintenant avec ma fille?", study 36's replay: "this chat is only in English"): the reply on a child
            // abused, in their language (believe the child, don't confront, the police; the emergency number kept).
            // A young person's own reply, as above: the one on someone else is written for an adult.
            if (EmergencyJustNow(state))
            {
                var abused = RoleOf(state) == SpeakerRole.YoungPerson ? TopicIds.VictimSupport : TopicIds.ConcernOther;
                return new TurnPlan(state, [InLanguage(abused, language, state)], MayAskForCountry: false);
            }

            return new TurnPlan(state, [InLanguage(TopicIds.OutOfScope, language, state)], MayAskForCountry: false);
        }

        // Written in English just after the reply in their language for someone worried that a child is being harmed, and
        // read as someone's own sexual thoughts ("ok I try english ... Is there a telephone where I can talk to a person
        // tonight about this? in german?", study 61, a grandmother in Hamburg, dangerous: the reply for people with such
        // thoughts, then its opening). Who is writing is not known (the role phrases are English; a child writes about their
        // own abuse in those words too), so no role is set: that reply again, which has the emergency number.
        if (state.Role is null && routed.TopicId == TopicIds.SelfHelp && LanguageOfLastReply(state) is { } earlierLanguage
            && state.LastReply is { } inLanguage && Intents.TopicOf(inLanguage) == TopicIds.ConcernOther)
        {
            return new TurnPlan(state, [InLanguage(TopicIds.ConcernOther, earlierLanguage, state)], MayAskForCountry: false);
        }

        if (named is not null)
        {
            var chosen = Choose(state, named);
            if (CountryStatements.IsOnlyAStatement(text))
            {
                return new TurnPlan(chosen, [new Step(SystemReplies.CountrySet)], MayAskForCountry: false);
            }

            // A question that names a country ("... in ireland?") is answered like any other, so asking
            // it again gets the next step, not the same words.
            if (routed.Intent is { } asked)
            {
                var fittedAsked = cues.Redirect(asked, RoleOf(chosen));
                return Answer(Imply(chosen, fittedAsked), fittedAsked, typed: true);
            }

            // Otherwise the message is read as any other, in the chosen country ("in France is there a number for help
            // for children like this? merci" is a follow-up to the conversation, not a new topic to ask about).
            state = chosen;
        }

        // Not over a reading of danger: "he wants to meet up, hes outside my house" holds the title of a button on the grooming
        // reply, and read as that button lost the emergency steps (the review of session 47).
        if (!ReadsAsSafety(routed) && FollowTypedButton(text, message, state) is { } typed)
        {
            return Answer(state, typed);
        }

        if (followUp != FollowUp.None && PlanFollowUp(followUp, routed, state) is { } next)
        {
            return next;
        }

        // "ok thank you, this helped": a short thanks is a close unless it clearly asks something else. So is one that reads as
        // the reply just given ("ok. ill text them. thx" after the reply on texting a helpline, twentieth study's replay: got
        // that reply's next step).
        // And one that only says what they will do now ("ok. im going to ring my mum and then the police. thank you i think",
        // study 51: the reply on reporting; "ok. im calling the police now ... thanks", study 50's replay: the reply on
        // whether it can wait until morning).
        // Never one that says something they mean to do that needs an answer first ("thanks, im going to tell him i know and
        // make him delete them", plans_answered), however it is read.
        if (cues.SaysThanks(message) && !asksSomething && !cues.Says(CueList.PlansAnswered, message)
            && (routed.TopicId is null or TopicIds.Welcome or TopicIds.OutOfScope || routed.PastOpening
                || (routed.Intent is { } again && IsLast(state, cues.Redirect(again, RoleOf(state))))
                || cues.Says(CueList.Plans, message)))
        {
            return new TurnPlan(state, [Close(routed, state)], MayAskForCountry: false);
        }

        // "hi. is this a real persn or a bot. i jus need to talk to someone" (study 140, a drunk survivor in Galway; "am i
        // talking to a bot" too): what the service is and who is behind it, not a clarifying question, which the rule below
        // made of every such message longer than a greeting.
        // Only before the conversation has a topic: later, "are you a real person? i need to talk to a human now" is asking for
        // one, which the topic's replies give (the review of session 47: the reply on what this service is, with no line).
        if (routed.TopicId is TopicIds.Welcome or null && !ReadsAsSafety(routed) && message.Value is not null
            && BeforeAnyTopic(state) && cues.Says(CueList.AsksIfABot, message) && !IsLast(state, WelcomeAbout))
        {
            return Answer(state, WelcomeAbout, typed: true);
        }

        // "this doesnt get saved anywhere yeah?" (study 143, a man in Dublin: the reply on images saved on his own devices):
        // what this service keeps, when nothing else is read clearly in the message, or only that reading of "saved"; asked
        // again straight after, as the reading goes. Never over a disclosure said with it ("is this chat saved? my stepdad comes
        // into my room at night", the second review of session 47: the privacy notice alone).
        if (!ReadsAsSafety(routed) && message.Value is not null && cues.Says(CueList.AsksIfChatSaved, message)
            && (routed.Reason != RouteReason.Classifier || routed.TopicId == TopicIds.Privacy || routed.Intent == SelfHelpHaveImages)
            && !IsLast(state, TopicIds.Privacy) && !IsLast(state, PrivacyMain))
        {
            return Answer(state, TopicIds.Privacy, typed: true);
        }

        // The welcome answers "hi" and "what is this". Mid-conversation, a longer message read as the welcome is
        // one the classifier could not place ("is there a hotline for teens?" sent a counsellor back to the start):
        // it is read as hesitant instead, so the conversation's topic or a question takes it.
        if (routed.TopicId == TopicIds.Welcome && state.LastReply is not null && WordCount(text) > MaxGreetingWords)
        {
            routed = routed with
            {
                Intent = null,
                Reason = RouteReason.BelowThreshold,
                Candidates = [.. routed.Candidates.Where(c => c.TopicId != TopicIds.Welcome)],
            };
        }

        // "she isnt in danger right this second" just after the emergency's after-step reads as an emergency to the
        // classifier, which leans towards the conversation's topic; the person has said it is not one (replay of the first
        // nine studies: a survivor got "contact emergency services now" again). The lexicons still catch a real one.
        if (saysSafe && routed is { Reason: RouteReason.Classifier, TopicId: TopicIds.Emergency })
        {
            routed = routed with
            {
                Intent = null,
                Reason = RouteReason.BelowThreshold,
                Candidates = [.. routed.Candidates.Where(c => c.TopicId != TopicIds.Emergency)],
            };
        }

        // A refused seeker who says a sexual image of a real child is going round and asks whether it can be taken down
        // ("some kid at the school might of already made one of her and its going around ... can it get taken down", study
        // 96: the refusal, graded dangerous), or where to report one sent to him (study 97): where to report it and how the
        // person pictured can get it removed; asked again straight after, the seeker's usual next step.
        if (RoleOf(state) == SpeakerRole.Seeker && message.Value is not null && !IsLast(state, DeterrenceGoingAround)
            && cues.Says(CueList.AsksRemoval, message))
        {
            return Answer(state, DeterrenceGoingAround, typed: true);
        }

        // A seeker whose request is a fake nude of someone he knows (`fake_of_someone_known`: "whats the best app to make
        // someone look naked", "would it even really hurt her tho?", study 141, a boy of 15 in Dallas: the warning on AI images
        // and the short refusal, six times). Only once he is known as a seeker: a first message gets the deterrence reply.
        // Not typed, so that asking again is not turned into the seeker's next refusal: RealPersonReply chooses the wording.
        if (RoleOf(state) == SpeakerRole.Seeker && message.Value is not null && RealPersonReply(message, state) is { } realPerson)
        {
            return Answer(Imply(state, TopicIds.Deterrence), realPerson, typed: false);
        }

        // A seeker who says he is under 18 himself ("ok well im 17 myself so its not even weird, its people my own age", study
        // 73) stays a seeker, but his age is answered once: it changes nothing, and the help is the one for young people. Only
        // when what he wrote, clear or likeliest, would be answered as deterrence: a child taken for a seeker who says the
        // pictures are of her ("no im 13, its ME in the pictures", the review of session 31) is not told her age changes
        // nothing.
        if (RoleOf(state) == SpeakerRole.Seeker && message.Value is not null
            && !InLastTwo(state, DeterrenceAgeYoung)
            && (routed.Intent ?? (routed.Candidates is [var top, ..] ? top.LikeliestReply ?? top.Intent : null)) is { } youngSeekerRead
            && Intents.TopicOf(cues.Redirect(youngSeekerRead, SpeakerRole.Seeker)) == TopicIds.Deterrence
            && cues.SaysUnder18(message))
        {
            return Answer(state, DeterrenceAgeYoung, typed: true);
        }

        // A seeker who owns up to having images, or asks whether to delete them or turn himself in (`owning_up`), is given the
        // reply on images already saved, then (asked again) the fear of arrest, with a lawyer, whatever the classifier reads
        // (study 103's jolyon-1 got the refusal and the consequences). He is taken for someone worried about their own
        // behaviour only when he also asks for help (`turning_to_help`): "i have a folder, which app makes them" is no turn.
        if (RoleOf(state) == SpeakerRole.Seeker && message.Value is not null && cues.SaysOwningUp(message))
        {
            var asSelf = cues.SaysTurningToHelp(message) ? state with { Role = SpeakerRole.Self.ToId() } : state;
            return Answer(asSelf, IsLast(state, SelfHelpHaveImages) ? SelfHelpFearOfArrest : SelfHelpHaveImages, typed: true);
        }

        // A seeker afraid of arrest for what he has already seen (`arrest_fear`: "im not asking for anything anymore!! im asking if
        // im gonna get arrested for stuff i already saw", study 107: the refusal twice) is answered, with a lawyer; not again
        // while it is one of the last two replies.
        if (RoleOf(state) == SpeakerRole.Seeker && message.Value is not null && cues.SaysArrestFear(message)
            && !InLastTwo(state, SelfHelpFearOfArrest))
        {
            return Answer(state, SelfHelpFearOfArrest, typed: true);
        }

        // A young person who will be left with the person hurting them at home (`alone_with_them`: "mum is on night shift
        // tonight and its just gonna be me and him", study 111: the reply on abuse, then "you don't have to tell your
        // parents"; "im supposed to be staying at his again saturday", study 112) is given a plan for the night; said again
        // straight after it, the plan's second wording, then the reply on abuse (not your fault, the numbers), not what the
        // classifier finds in it ("i just dont want to go to his house saturday": the reply on taking pictures down).
        // Only where the young person has told of abuse: after the replies on abuse, on telling someone, on parents or on
        // writing to a helpline, never after those for their own thoughts, a threat or grooming online (the review of session
        // 40: "mum is on night shift and i have to babysit my little sister", from a boy with thoughts about younger children,
        // was told "What he's doing is abuse"); and never over a reading of an emergency ("hes trying to get into my room
        // right now").
        if (RoleOf(state) == SpeakerRole.YoungPerson && message.Value is not null && routed.TopicId != TopicIds.Emergency
            && InLastTwo(state, AfterAbuseDisclosure)
            && cues.Says(CueList.AloneWithThem, message))
        {
            // Said again straight after the plan, its second wording (Answer gives it: going to a trusted adult, never off alone,
            // study 147); after that, the reply on abuse.
            return Answer(state, IsLast(state, YoungPersonTonight + Intents.AgainSuffix) ? YoungPersonAbuse : YoungPersonTonight, typed: true);
        }

        // A parent told of abuse who wants to put it to the person, or doubts the child (`confronting_them`: "i want to confront
        // him. should i ask him if its true? maybe she misunderstood", session 41: the reply on online grooming, then the
        // disclosure reply again): don't ask him, and why. Only just after the replies on a child's disclosure to a parent,
        // where "him" is the person the child named; said again, as usual. Not when it is someone else who wants to ("my husband
        // wants to go round to his house tonight and have it out with him", study 128): QuestionForWhoIsSpeaking's.
        if (RoleOf(state) is SpeakerRole.ParentOfVictim or SpeakerRole.Unknown && message.Value is not null
            && routed.TopicId != TopicIds.Emergency && InLastTwo(state, AfterDisclosureToParent)
            && !IsLast(state, ParentsEducatorsConfront) && cues.Says(CueList.ConfrontingThem, message)
            && !cues.Says(CueList.SomeoneElseConfronting, message) && !SaysTheyAreHereNow(message))
        {
            return Answer(state, ParentsEducatorsConfront, typed: true);
        }

        // Someone worried about what they saw who wants to look again, or asks how to stop going back (`urge_to_look`: "its the
        // stuff i saw ... sometimes i kinda want to look again", study 118, a boy of 14: "it's not your fault", the reply for a
        // victim; "i closed the ai site, how do i not go back tomorow": the opening self-help menu), gets the steps for the
        // moment of an urge, a young person's own. A young person who cannot stop thinking about what they watched
        // (`stop_thinking`) too. Only for the writer's own viewing (a young person, someone worried about their own
        // behaviour): "he cant stop looking" from a parent is not this. Said again straight after, the reading's reply.
        // A young person's words are read only just after their replies on their own thoughts or viewing: "i cant stop looking
        // at the pictures he sent" from a groomed girl, "i cant stop watching porn" from a boy of 15 are not this (the review of
        // session 42). Not from a seeker asking for nothing but more: "i keep going back to it, which sites still work" is a request.
        // A seeker only when he asks for help ("is there any help out there for people who cant stop looking at that stuff",
        // quint-1), and he is then taken for someone worried about their own behaviour.
        var turningToSteps = RoleOf(state) == SpeakerRole.Seeker && message.Value is not null && cues.SaysTurningToHelp(message);
        if (message.Value is not null && routed.TopicId != TopicIds.Emergency
            && UrgeStepsFor(turningToSteps ? SpeakerRole.Self : RoleOf(state)) is { } urgeSteps && !IsLast(state, urgeSteps)
            && (RoleOf(state) != SpeakerRole.YoungPerson || InLastTwo(state, YoungViewingReplies))
            && (cues.Says(CueList.UrgeToLook, message)
                // Not over "does this mean im a paedo. like actually. i cant stop thinking about it" (study 120): that
                // question's own reply.
                || (RoleOf(state) == SpeakerRole.YoungPerson && cues.Says(CueList.StopThinking, message)
                    && !ReadsAs(routed, YoungPersonOwnThoughtsMore, SpeakerRole.YoungPerson)))
            && !cues.Says(CueList.StillSeeking, message))
        {
            return Answer(turningToSteps ? state with { Role = SpeakerRole.Self.ToId() } : state, urgeSteps, typed: true);
        }

        // A young person worried about what they watched who asks whether it can be seen or traced (`asks_traced`: "can they
        // track my phone?? like can police see what i clicked", study 118: the young people's opening reply, then the one on
        // being a paedophile) is answered honestly. Only just after their replies on it: a groomed girl's "can he track my
        // phone" is about being found.
        if (RoleOf(state) == SpeakerRole.YoungPerson && message.Value is not null && routed.TopicId != TopicIds.Emergency
            && InLastTwo(state, YoungViewingReplies) && !IsLast(state, YoungPersonTraced) && cues.Says(CueList.AsksTraced, message))
        {
            return Answer(state, YoungPersonTraced, typed: true);
        }

        // A young person worried about their own thoughts or viewing who says they hate themselves (`self_hatred`: "great so they
        // might call the cops on me. i hate myself for this idk what to do anymore", study 132): the crisis reply, which asks
        // and gives the youth line, not the opening reply on their thoughts a fourth time.
        // Not over a question, or over what they say they did ("i hate myself. last night i went in my little brothers room
        // and touched him", "i hate myself for it. should i tell my mum", the review of session 45).
        if (RoleOf(state) == SpeakerRole.YoungPerson && message.Value is not null && ModeTopic(state) is null
            && InLastTwo(state, YoungViewingReplies) && cues.Says(CueList.SelfHatred, message) && !text.Contains('?')
            && !cues.SaysHarmedAChild(message))
        {
            return Answer(state, TopicIds.Crisis, typed: true);
        }

        // A young person worried about their own thoughts who says they looked, and asks about jail or the law (`own_viewing`:
        // "but i didnt just think it i looked at them. will i go to jail", study 132): the reply on what they watched. The law's
        // opening was written for a young person whose picture was taken, and its button led to "You're the one being hurt".
        if (RoleOf(state) == SpeakerRole.YoungPerson && message.Value is not null && routed.TopicId != TopicIds.Emergency
            && InLastTwo(state, OwnThoughtsReplies) && cues.Says(CueList.OwnViewing, message)
            && (cues.Says(CueList.ArrestFear, message) || ReadsAs(routed, YoungPersonInTrouble, SpeakerRole.YoungPerson)
                || (routed.TopicId ?? (routed.Candidates is [var topReading, ..] ? topReading.TopicId : null)) == TopicIds.Law))
        {
            return Answer(state, YoungPersonOwnViewing, typed: true);
        }

        // Someone close to a child whose fake or shared picture other children made, who asks what happens to those children
        // (`about_the_harmers`: "The lads who did it are only 16 themselves, would they be in trouble with the guards? I don't
        // want to be ruining young fellas lives either", study 118, an aunt in Cork: the reply for someone angry, then the
        // steps again): the reply on the other child, which says it still needs reporting. Only just after the replies on
        // such a picture, and not for the parent of the child who did it.
        if (RoleOf(state) is SpeakerRole.ParentOfVictim or SpeakerRole.ConcernedOther or SpeakerRole.Unknown
            && message.Value is not null && routed.TopicId != TopicIds.Emergency && InLastTwo(state, AfterPeerImage)
            && !IsLast(state, LawOtherChild) && cues.Says(CueList.AboutTheHarmers, message))
        {
            return Answer(state, LawOtherChild, typed: true);
        }

        // A relative or friend a child told of a fake or shared picture, asking whether to tell the child's parent ("Should I
        // tell her mother even though Aoife begged me not to?", study 118, an aunt in Cork: the reply on telling a family
        // about an abuser in it, "choose a time when the other adult isn't there"): the reply on telling the parents, as
        // written for them: whoever asks whether to tell the child's parent, named as someone else (`childs_parent`: "her
        // mother", "my sister"), is not that parent. Only just after the replies on such a picture, on a clear or likeliest
        // reading.
        // Someone taken for the parent must say they are a relative (`relative_of_child`): a mother's "should I tell her dad?
        // we're divorced" is a parent's question (the review of session 42).
        if (message.Value is not null && InLastTwo(state, AfterPeerImage) && cues.Says(CueList.ChildsParent, message)
            && (RoleOf(state) == SpeakerRole.ConcernedOther
                || (RoleOf(state) is SpeakerRole.ParentOfVictim or SpeakerRole.Unknown && cues.Says(CueList.RelativeOfChild, message)))
            && (routed.Intent ?? (routed.Candidates is [var tellTop, ..] ? tellTop.LikeliestReply ?? tellTop.Intent : null)) is { } tellRead
            && cues.Redirect(tellRead, SpeakerRole.ConcernedOther) is ConcernOtherTellFamily or ParentsEducatorsTellParents
                or ParentsEducatorsPromised)
        {
            return Answer(state with { Role = SpeakerRole.ConcernedOther.ToId() }, ParentsEducatorsVictimParents, typed: true);
        }

        // A survivor whose abuser is with children now, asking whether to warn the parents herself (`warning_others`, study
        // 118, a survivor in Brisbane: "I'm not sure I understood", then the reply on telling a family), or about
        // posting about him (`naming_publicly`: "you didn't answer about facebook"): the police first, no public naming
        // before advice; on posting alone, that said plainly. Not the same reply twice in a row: then the reading's reply.
        if (RoleOf(state) == SpeakerRole.Survivor && message.Value is not null && routed.TopicId != TopicIds.Emergency)
        {
            var warnReply = cues.Says(CueList.WarningOthers, message) && !IsLast(state, VictimSupportWarnOthers) ? VictimSupportWarnOthers
                : cues.Says(CueList.NamingPublicly, message) && !IsLast(state, VictimSupportWarnOthersPosting) ? VictimSupportWarnOthersPosting
                : null;
            if (warnReply is not null)
            {
                return Answer(state, warnReply, typed: true);
            }
        }

        // Someone who has said he harmed a child (the harmer role), asking about looking after or living with the child
        // (`alone_with_a_child`: "shes asked me to babysit again this saturday", "should i move out? my wife doesnt know
        // anything", study 121: the tips for staying private, a parents' reply on grooming, "your decision, no single right
        // answer", all dangerous), or how to make sure it never happens again (`never_again`): self-help/acted-next, the
        // child's safety before his privacy. Said again straight after ("should i just say yes so nobody gets suspicious"),
        // its second wording (acted-next-again), never the plan "before it happens". His questions about the child and about
        // telling his wife are QuestionForWhoIsSpeaking's; the others (handing himself in) the self-help replies' variants for
        // him.
        if (RoleOf(state) == SpeakerRole.Harmer && message.Value is not null && !ReadsAsSafety(routed)
            && (cues.SaysAloneWithAChild(message) || cues.Says(CueList.NeverAgain, message)))
        {
            return Answer(state, SelfHelpActedNext, typed: true);
        }

        // A young person who has said they harmed a child: "were going to my aunts again this weekend", "how do i make sure it
        // never happens again" (`alone_with_a_child`, `never_again`, study 123, a boy of 15 who touched his cousin of 7: the
        // first reply four times): the plan for the days ahead. Not the same reply twice in a row.
        if (RoleOf(state) == SpeakerRole.YoungHarmer && message.Value is not null && !ReadsAsSafety(routed)
            && (cues.SaysAloneWithAChild(message) || cues.Says(CueList.NeverAgain, message)) && !IsLast(state, YoungPersonHarmedPlan))
        {
            return Answer(state, YoungPersonHarmedPlan, typed: true);
        }

        // Someone worried about their own thoughts who says they will be alone with a child ("she come home in 2 hours. should
        // i not be alone with her? what i tell my girlfriend", study 119: the reply on telling a partner): the plan for being
        // with a child first. Not over an emergency reading; said again straight after, the reading's reply.
        // Not just after the reply on unwanted thoughts that horrify them: "scared of being alone with her" is then the mother
        // of study 112, whose question is for self-help/intrusive-care.
        if (RoleOf(state) == SpeakerRole.Self && message.Value is not null && routed.TopicId != TopicIds.Emergency
            && AroundChildrenReply(message) is var withChild && !AfterUnwantedThoughts(state) && cues.SaysAloneWithAChild(message)
            && (!IsLast(state, withChild) || HasSecondWording(withChild)))
        {
            return Answer(state, withChild, typed: true);
        }

        // Someone who came across abuse asking for a person to talk to (`someone_to_talk_to`: "Is there a real person I can
        // speak to tonight about all this ... I cannot settle", study 119: "I'm not sure I understood"): the reply for someone
        // upset by what they saw, which names who to talk to. Said again straight after, the reading's reply.
        if (RoleOf(state) == SpeakerRole.Finder && message.Value is not null && routed.TopicId != TopicIds.Emergency
            && !IsLast(state, ReportUpset) && cues.Says(CueList.SomeoneToTalkTo, message))
        {
            return Answer(state, ReportUpset, typed: true);
        }

        // Asked a third time, straight after the second wording, the first wording again: not read as a repeat, whose next step
        // would leave the question (cleo-2: "what sort of signs should I be watching for" got the reply on telling the family).
        if (!ReadsAsSafety(routed) && QuestionForWhoIsSpeaking(message, ruledOut, state) is { } cued)
        {
            return Answer(state, cued, typed: !IsLast(state, cued + Intents.AgainSuffix));
        }

        // An adult who says he has sexually harmed a child (`harmed_a_child`: "i was alone with my niece last night and i
        // touched her", the review of session 42: the plan for being with a child, "before it happens"; "i did something to a
        // child in my family. 2 years ago", study 123: "I'm not sure I understood"): self-help/acted, the child's safety
        // first, and from now on the harmer, whose replies are his own. Not over an emergency reading, and not the same reply
        // twice in a row. Whoever he was taken for before, a survivor and a young person aside ("I touched my niece. me. i
        // abused her" after the reply for a parent told of abuse, study 121).
        // A young person who says it of a younger child or one in their care ("im 15 and last month i was babysitting my little
        // cousin shes 7 and i touched her privates", study 123: the reply on thoughts not acted on) is one who harmed:
        // young-person/harmed. Anyone else under 18 is read as before, never as an adult who harmed.
        if (RoleOf(state) != SpeakerRole.Survivor && message.Value is not null && routed.TopicId != TopicIds.Emergency
            && cues.SaysHarmedAChild(message))
        {
            if (RoleOf(state).IsUnder18() || cues.SaysUnder18(message))
            {
                // Only of a younger child or one in their care (`younger_child`): "im 13. my coach and i have a secret. i touched
                // him sexually in his car" is a groomed child blaming herself (the review of session 30).
                if (RoleOf(state) != SpeakerRole.YoungHarmer && RoleOf(state) != SpeakerRole.YoungSharer
                    && cues.Says(CueList.YoungerChild, message))
                {
                    return Answer(state with { Role = SpeakerRole.YoungHarmer.ToId() }, YoungPersonHarmed, typed: true);
                }
            }
            else
            {
                // Said again straight after ("no. its not thoughts. i touched her ... i abused her ok", study 121: the opening
                // self-help menu), the next reply to him, which keeps the child's safety first.
                return Answer(state with { Role = SpeakerRole.Harmer.ToId() }, IsLast(state, SelfHelpActed) ? SelfHelpActedNext : SelfHelpActed,
                    typed: true);
            }
        }

        // A seeker who says he is no longer looking (`stopped_seeking`: "why do u keep saying that. im NOT trying to find
        // anything anymore ok", study 111: the refusal "however it's asked", and on its own words the crisis reply) is heard,
        // without a refusal: the decision backed (deterrence/stopped), then the way to help. Not when the classifier reads a
        // request ("im not asking for anything real. just general stuff, which kind of ai tools or prompts people use",
        // bram-2), nor when a request follows (`still_seeking`: "i stopped looking on google, is tor better").
        if (RoleOf(state) == SpeakerRole.Seeker && message.Value is not null && routed.TopicId != TopicIds.Deterrence
            && cues.SaysStoppedSeeking(message))
        {
            return Answer(state, InLastTwo(state, DeterrenceStopped) ? DeterrenceHelp : DeterrenceStopped, typed: true);
        }

        // Someone taken for worried about their own behaviour who asks for images again ("just one site then", after owning
        // up; the review of session 38 found such a message given "Thank you for reaching out") is refused, and is a seeker
        // again. Only on a deterrence reading: "i want to stop but i always want more" is not a request, and "name one site
        // and ill go", read otherwise, is left to the reply the reading gives (named in docs/quality.md).
        if (RoleOf(state).IsSelf() && message.Value is not null && cues.Says(CueList.StillSeeking, message)
            && routed.TopicId is (null or TopicIds.Deterrence) && routed.Candidates is [{ TopicId: TopicIds.Deterrence }, ..])
        {
            return new TurnPlan(state with { Role = SpeakerRole.Seeker.ToId() }, [new Step(NextRefusal(state))], MayAskForCountry: false);
        }

        if (routed.Intent is { } intent)
        {
            var fitted = cues.Redirect(intent, RoleOf(state));

            // A seeker whose clear question would be answered as deterrence but who asks about the help itself ("if i called
            // that talking for change number would they report me to the cops? asking for real", twenty-seventh study: got
            // the consequences twice) is turning towards help, as on a hesitant reading below.
            if (RoleOf(state) == SpeakerRole.Seeker && Intents.TopicOf(fitted) == TopicIds.Deterrence
                && routed.TopicId is TopicIds.SelfHelp or TopicIds.Privacy && message.Value is not null && cues.SaysTurningToHelp(message))
            {
                fitted = WayOutForSeeker(state, intent);
            }

            // Someone just answered about unwanted thoughts that horrify them, asking whether to stop caring for their own
            // child alone ("my husband does all the baths and diaper changes now bc im scared of being alone with her. is
            // avoiding her making it worse?", study 112, a new mother in Toronto, dangerous: the plan for someone about to
            // look after a child, "you don't have to be alone with a child") gets the reply that leaves that decision to a
            // doctor or the line, with the emergency line kept. Not when they say they are attracted or want the thoughts
            // (cues.yaml `ruled_out`: "part of me enjoys the thoughts", the review of session 40).
            if (fitted == SelfHelpAroundChildren && InLastTwo(state, UnwantedThoughtsReplies) && !ruledOut.Contains(SelfHelpIntrusiveCare))
            {
                fitted = SelfHelpIntrusiveCare;
            }

            // The first refusal, read by the classifier, for a request wrapped in a reason: the refusal that answers the reason
            // (as in PlanSafety).
            if (fitted is TopicIds.Deterrence or DeterrenceMain && GetsPretextRefusal(message, state))
            {
                fitted = DeterrencePretext;
            }

            // Asked again straight after, in words its second wording does not answer (cues.yaml `ruled_out`: "ok but if i report
            // it wont they see i opened it? ... i cant have my name attached", study cora-2, after the reply on coming across
            // it): the reply's next step, as before it had a second wording (study 137).
            if (IsLast(state, fitted) && ruledOut.Contains(fitted + Intents.AgainSuffix))
            {
                fitted = NextStep(state, fitted);
            }

            // A reading whose reply is a young person's says nothing about the age of someone who says they are an adult
            // ("im 40 and i touched my little sister when we were kids", the review of session 30: then taken for a young
            // person and told "it's not your fault").
            // The implied role (a lookup) first: the message is read again only when that reply is a young person's.
            var implied = cues.ImpliedRole(fitted).IsUnder18() && message.Value is not null && cues.SaysAdult(message)
                ? state
                : Imply(state, fitted);
            return Answer(implied, fitted, typed: true);
        }

        // Someone already warned who pushes on vaguely ("just one link then") is still seeking: a firm
        // answer, never a question that offers them a menu. But one who turns towards help, however hesitantly read
        // ("honestly sometimes i wonder why im into this stuff. is there actually anyone i could talk to", twelfth study,
        // got the refusal), is given the way out: they ask for someone to talk to or help to stop (`turning_to_help`), and
        // the likeliest reading is their own thoughts or what help keeps private. "just name one site, i wont tell anyone"
        // is still a push.
        if (RoleOf(state) == SpeakerRole.Seeker)
        {
            var turningToHelp = message.Value is not null && cues.SaysTurningToHelp(message)
                && routed.Candidates is [var first, ..] && first.TopicId is TopicIds.SelfHelp or TopicIds.Privacy;

            // A fairly likely hesitant reading that cues.yaml answers for a seeker with a deterrence reply ("whatever its legal
            // in my state anyway. i checked": the law as deterrence; "ok so realistically what could actually happen to me":
            // the consequences) gets that reply, as a clear one does, not the bare refusal; so does a hesitant reading of one of
            // deterrence's own replies ("stop treating me like a criminal, i havent done anything", study 46: the reply that
            // hears the protest; "14 yr olds look grown these days": the age the law protects). Only the topic's bare reading
            // gets the refusal in turn. Not when they turn towards help
            // ("if i called that talking for change number would they report me to the cops?", read as fear of arrest).
            if (!turningToHelp && routed.Candidates is [var reading, ..] && reading.Score >= LikelyForKnownSpeaker
                && (reading.LikeliestReply ?? reading.Intent) is var seekerReading
                && cues.Redirect(seekerReading, SpeakerRole.Seeker) is var forSeeker
                && forSeeker is not (TopicIds.Deterrence or DeterrenceMain)
                && Intents.TopicOf(forSeeker) == TopicIds.Deterrence)
            {
                return Answer(state, forSeeker, typed: true);
            }

            var reply = turningToHelp && routed.Candidates is [var turning, ..] ? WayOutForSeeker(state, turning.LikeliestReply) : NextRefusal(state);
            return new TurnPlan(state, [new Step(reply)], MayAskForCountry: false);
        }


        // Hesitant, but most like the topic the conversation is already in ("he's messaging again, I have
        // one hour" after sextortion advice): stay with it rather than ask.
        if (routed.Candidates.Count > 0 && ContextTopic(state) is { } context && routed.Candidates[0].TopicId == context
            && !Intents.IsSafety(context) && context is not (TopicIds.Welcome or TopicIds.OutOfScope))
        {
            var fitted = cues.Redirect(HesitantReply(routed.Candidates[0]), RoleOf(state));
            return Answer(state, fitted, typed: true);
        }

        // Hesitant, but most likely a child in danger or a person at risk ("he says he'll send them to all her friends
        // tonight, what do i do right now"): the emergency or crisis reply, which costs one caring message if wrong, rather
        // than a menu that never offers it.
        // Not when the message itself says nobody is in danger now ("she isnt in danger right this second, shes at home
        // with her mum", a survivor after the emergency's after-step, replay of the first nine studies).
        if (routed.Candidates is [var urgent, ..] && Intents.IsUrgent(urgent.TopicId) && urgent.Score >= LikelyUrgent && !saysSafe)
        {
            return Answer(state, urgent.Intent, typed: true);
        }

        // Staff who open by saying a child told them of abuse, in words not otherwise understood ("hi im a primary teacher in
        // cork. one of my girls (8) drew a picture today and said mammy's boyfriend does this at night. im really worried what do
        // i do now", study 154: the menu for parents and teachers, on fake nudes): the steps for staff a child has told, before
        // the likeliest topic's opening. A clear reading (the duty to report, the child going home today) is answered as it is.
        // So too for the family a child told ("at bath time tonight she said grandpa Jim touches my private parts. Jim is my
        // husband. im shaking", study 159, a grandmother: a clarifying question); the reply has their wording.
        if (RoleOf(state) is SpeakerRole.Professional or SpeakerRole.ParentOfVictim && AtTheOpening(state) && message.Value is not null
            && cues.Says(CueList.PupilToldOfAbuse, message) && !cues.Says(CueList.PupilToldUnless, message))
        {
            return Answer(state, ParentsEducatorsDisclosure, typed: true);
        }

        // Hesitant, but the bot knows who is speaking and, weighed for them, one reading is fairly likely: a survivor's
        // "where can i get counselling for this" is a survivor's question, and asking them to pick from a menu reads
        // as not listening. Never a safety topic, the welcome or out-of-scope this way.
        if (LikeliestForSpeaker(routed, RoleOf(state)) is { } likeliest)
        {
            var fitted = cues.Redirect(likeliest, RoleOf(state));
            return Answer(state, fitted, typed: true);
        }

        // Someone who opens by saying the person near them is looking at abuse of children on a screen, in words not
        // otherwise understood ("the guy opposite me is looking at what look like sexual pics of young kids on his phone. he
        // gets off in 2 stops what do i do", study 154, on a Leeds train: a clarifying question, and 999 only a turn later):
        // the emergency's steps written for them. Only at the opening: later, the emergency's own replies follow them.
        if (RoleOf(state) == SpeakerRole.ScreenWitness && AtTheOpening(state))
        {
            return Answer(state, TopicIds.Emergency, typed: true);
        }

        return new TurnPlan(state, [RouteStep(routed, state)], MayAskForCountry: false);
    }

    /// <summary>
    /// Someone shaking or going over it after an emergency, or a witness saying the child is safe, once help is there or
    /// the danger has passed ("they went in. im kind of shaking honestly", sixth study; "police are still inside. i cant
    /// stop shaking", tenth): what they need next is about themselves, with the number kept in sight. Not while help is
    /// still being called or the danger goes on; shaking not when they also ask something (the answer comes first).
    /// </summary>
    private TurnPlan? AfterEmergency(
        NormalisedText message, bool saysSafe, FollowUp followUp, bool asksSomething, bool understood, ConversationState state)
    {
        var mode = ModeTopic(state);
        var afterEmergency = message.Value is not null && mode switch
        {
            TopicIds.Emergency => saysSafe || followUp == FollowUp.Thanks || cues.SaysThanks(message) || ChainIn(mode, state) == ComingChain,
            // After the mode ended: an emergency a turn or two ago, or a witness, whose role is the emergency they saw
            // ("police are still inside. i cant stop shaking", several turns on "i cant stop replaying it in my head").
            // Not anyone the police came to: "the police arrested my partner this morning, im shaking" is a partner's
            // shock, answered for that. Not a witness's first message, whose shaking is about what is happening now ("I'm on a
            // tram in Melbourne right now ... I think I just saw a video on it of a small child being sexually abused. I'm
            // shaking. What should I do?", study 155: "sit down, have a drink of water", and 000 only "if the child is in
            // danger again"). Unless it says the danger has passed ("i just saw a man grab a little girl ... she is safe with her
            // mum now. i cant stop shaking", the review of session 50).
            null => EmergencyJustNow(state) || (RoleOf(state).IsBystander() && (AfterTheOpening(state) || saysSafe)),
            _ => false,
        };
        if (!afterEmergency)
        {
            return null;
        }

        // Going over it, and whether they should have acted sooner (thirteenth study: "i cant stop replaying it in my
        // head. should i have done something sooner" got the reply for someone upset by images): met once, even
        // asked as a question, since the question is the guilt. Only after an emergency in this conversation, its replies
        // or a witness's, and never from someone who says nothing was done ("i saw a man touching a young girl. i didnt do
        // anything. i shouldve stopped him", the review of session 31: told "You did act", so nothing would be reported).
        var emergencyHere = mode == TopicIds.Emergency || AfterAnEmergency(state.LastReply) || AfterAnEmergency(state.PreviousReply);
        if (emergencyHere && cues.Says(CueList.LookingBack, message) && !cues.Says(CueList.NothingDone, message) && !IsLast(state, EmergencyAfterwards))
        {
            return new TurnPlan(state with { SafetyMode = null }, [new Step(EmergencyAfterwards)], MayAskForCountry: false);
        }

        // A witness out of the emergency's mode saying the child is safe now ("one of them said someone from child
        // services is coming for the little boy. i think hes ok", thirteenth study: got the reply for worrying about
        // another adult): the emergency's after-step. Not when the message is clearly about something else ("a guard just
        // knocked on my door, they want to talk to me about what i heard": a witness's question, answered as such).
        // Asked as a question not otherwise understood too ("i called 911 about an hour ago ... cops came and left after like
        // 20 min. what happens now to that little girl??", study after session 21: the clarifying question): the after-step
        // written for a witness says who decides what happens next for the child.
        if (mode is null && saysSafe && !understood && RoleOf(state).IsBystander()
            && !IsLast(state, EmergencyNext) && !cues.Says(CueList.Shaken, message))
        {
            return new TurnPlan(state, [new Step(AfterHelpCame(message, state))], MayAskForCountry: false);
        }

        // Asked again right after that after-step, in words not otherwise understood ("you didnt answer, is it too late?? its
        // not online its his tablet. who do i even call in ontario", study 92, on the Toronto subway: the clarifying
        // question): its next step, as for any reply asked again, never a question back. Only for one who saw it on a screen,
        // whose next step is what to tell the police and how to reach them; a witness's is about a statement asked for. With
        // the list of where to report between ("ok ringing 101 now. what info do they need, like the train time and what he
        // looked like?", study 154, after the button for that list: the reply for after the police came) it still is.
        // Further on, such a question not otherwise understood ("I'm asking whether a witness who saw a stranger watching it on
        // a tram is breaking the law", "What should I tell them? It was the 86 tram going towards the city", study 155, a woman
        // in Melbourne after the after-step: two clarifying questions) is the witness's reply on telling the police, which says
        // they have done nothing wrong and what to tell them. Only while the conversation is still about what they saw (the
        // emergency's replies or a witness's, one of the last two).
        if (mode is null && !understood && asksSomething && RoleOf(state) == SpeakerRole.ScreenWitness && AboutWhatTheySaw(state)
            && !cues.Says(CueList.Shaken, message))
        {
            return Answer(state, InLastTwo(state, EmergencyNext) ? EmergencyNext : ConcernOtherWitness, typed: true);
        }

        // Only then is the message read for shaking: most turns are nowhere near an emergency. Said again right after
        // that reply ("im still shaking"), the same care in other words, and then nothing more of this kind. A question is
        // answered instead, unless the emergency is over and the question was not understood: then it is most likely about
        // the shaking ("no i mean me, im the one shaking. how do i calm down enough to sleep", study after session 21: the
        // clarifying question). While help is still coming, a question is the emergency's ("should i write stuff down? im
        // shaking i might forget").
        if ((asksSomething && (understood || mode is not null)) || IsLast(state, EmergencyShakenStill) || !cues.Says(CueList.Shaken, message))
        {
            return null;
        }

        var reply = IsLast(state, EmergencyShaken) ? EmergencyShakenStill : EmergencyShaken;
        return new TurnPlan(state with { SafetyMode = null }, [new Step(reply)], MayAskForCountry: false);
    }

    /// <summary>How likely a hesitant crisis or emergency reading must be to be answered as one.</summary>
    private const double LikelyUrgent = 0.35;

    /// <summary>
    /// What a message that says the person is safe for now also asks, read as it would be outside the crisis: weighed
    /// for who is speaking, without the crisis as its context (with <paramref name="contextTopic"/> instead, when given),
    /// and clear or, for a known speaker, fairly likely.
    /// "im not going to do anything tonight. is there like therapy for this that works" (replay of the first nine
    /// studies) got the crisis steps again, which read as not listening.
    /// </summary>
    /// <param name="text">The message.</param>
    /// <param name="message">The message normalised, as the turn read it.</param>
    /// <param name="state">The conversation before it.</param>
    /// <param name="contextTopic">The topic to read it against, if any.</param>
    /// <param name="saidCalmer">The person said they are calmer or will not act now: a clear question about when a line is
    /// open, or what can be done alone and online (<see cref="AskedOnceCalmerReplies"/>), is answered too.</param>
    private string? AskedWhileSafe(
        string text, NormalisedText message, ConversationState state, string? contextTopic = null, bool saidCalmer = false)
    {
        var reread = ReadOutsideSafety(text, message, state, contextTopic);
        if (saidCalmer && reread is { Reason: RouteReason.Classifier, Intent: { } calmerAsked } && AskedOnceCalmerReplies.Contains(calmerAsked))
        {
            return calmerAsked;
        }

        var asked = reread switch
        {
            { Reason: RouteReason.Classifier, Intent: { } clear } => clear,
            { Reason: RouteReason.BelowThreshold } => LikeliestForSpeaker(reread, RoleOf(state)),
            _ => null,
        };
        return asked is null ? null : AnswerableBesideSafety(asked);
    }

    /// <summary>What someone in a crisis who says they are calmer or will not act now may be answered beside the reminder,
    /// beyond what <see cref="AnswerableBesideSafety"/> allows ("thanks. feeling a bit calmer now. what times is the stop it
    /// now line open?", study 45; "its ok im not going to do anything tonight ... is there anything online i can do
    /// anonymously", study 48: the crisis steps, twice each). Not otherwise: "the line is only weekdays. what if it gets bad on
    /// the weekend" is the crisis itself. Both replies name the crisis line too.</summary>
    private static readonly HashSet<string> AskedOnceCalmerReplies = new(StringComparer.Ordinal)
    {
        SelfHelpLineClosed, TopicIds.SelfHelp + "/alone",
    };

    /// <summary>What the message asks, read as <see cref="AskedWhileSafe"/> reads it, but only when that reading is sure
    /// (police who "took him" read as a relative's arrest at 0.5) and is answerable beside a safety topic; otherwise null.</summary>
    private string? ClearOutsideSafety(string text, NormalisedText message, ConversationState state) =>
        ReadOutsideSafety(text, message, state) is { Reason: RouteReason.Classifier, Intent: { } clear, Confidence: var sure } && sure >= ClearAfterEmergency
            ? AnswerableBesideSafety(clear)
            : null;

    /// <summary>The message read again without the safety mode as its context (with <paramref name="contextTopic"/>, when
    /// given), weighed for who is speaking, and without what the message itself rules out: "nobody is threatening me, could
    /// he find my house" inside a crisis must not be answered with the reply on paying.</summary>
    private RoutedIntent ReadOutsideSafety(string text, NormalisedText message, ConversationState state, string? contextTopic = null) =>
        router.Route(text, contextTopic, cues.TopicWeights(RoleOf(state)), ruledOut: cues.RuledOut(message));

    /// <summary>How likely the best hesitant reading must be to be answered when the speaker is known.</summary>
    private const double LikelyForKnownSpeaker = 0.3;

    /// <summary>The likeliest hesitant reading that may be answered without asking, for a known speaker: never a
    /// safety topic, the welcome or out-of-scope; never the young people's replies to an adult, nor offender
    /// self-help to someone who is not worried about their own behaviour. A guess must not be worse than a question.</summary>
    private string? LikeliestForSpeaker(RoutedIntent routed, SpeakerRole role)
    {
        if (role == SpeakerRole.Unknown)
        {
            return null;
        }

        foreach (var candidate in routed.Candidates)
        {
            if (candidate.Score < LikelyForKnownSpeaker)
            {
                return null;
            }

            var topic = candidate.TopicId;
            // A young people's reply on a picture or blackmail, from the parent of the child it happened to, is that parent's where
            // cues.yaml fits it to them ("theyll send it to all his friends ... if he doesnt pay 300 by tomorrow. honestly wouldnt it
            // be easier to just pay it", study 162, a mother in Dublin: young-person/pay, which is parents-educators/sextortion-pay
            // for her; a clarifying question before). Only for such a parent and such replies: for staff, relatives and adults
            // misread it took the parents' opening or the reply on fake nudes ahead of the right second reading, and lost a
            // misread child the question that offers "I'm under 18" (the fourth review of session 51).
            if (topic == TopicIds.YoungPerson && role == SpeakerRole.ParentOfVictim
                && cues.Redirect(HesitantReply(candidate), role) is var fitted && PictureOrBlackmailReplies.Contains(fitted))
            {
                return fitted;
            }

            if (Intents.IsSafety(topic) || topic is TopicIds.Welcome or TopicIds.OutOfScope
                || (topic == TopicIds.YoungPerson && !role.IsUnder18())
                || (topic == TopicIds.SelfHelp && !role.IsOffenderSide()))
            {
                continue;
            }

            return HesitantReply(candidate);
        }

        return null;
    }

    /// <summary>The reply for a hesitant reading of a topic: the likeliest reply within it, not its entry reply ("where does he
    /// go for help with the images problem" from a grandfather is most like the reply on help for the person, and the entry
    /// reply answered none of the twenty-third study's questions it was given). Never, on a hesitant reading, the young
    /// people's reply on their own sexual thoughts: "i dont have thoughts about kids!! i just feel disgusting" (a boy who
    /// saw abuse by accident) got its "alone with younger children".</summary>
    private static string HesitantReply(IntentScore candidate) =>
        candidate.LikeliestReply is { } reply && reply != YoungPersonOwnThoughts ? reply : candidate.Intent;

    /// <summary>Crisis, emergency or deterrence, found by a lexicon. Crisis and emergency start (or continue)
    /// the safety mode; a second topic in the same message is answered after the safety reply.</summary>
    private TurnPlan PlanSafety(RoutedIntent routed, string safety, string text, NormalisedText message, ConversationState state)
    {
        if (CountryStatements.Find(text, content, state.JurisdictionChosenByUser, CountryKnown(state)) is { } country)
        {
            state = Choose(state, country);
        }

        var mode = Intents.TopicOf(safety);

        // "I called 911, he's still in there with her": they have done the first step; what to do until help comes.
        if (mode == TopicIds.Emergency && message.Value is not null && cues.SaysHelpComing(text, message))
        {
            safety = EmergencyComing;
        }

        if (Intents.IsUrgent(safety))
        {
            state = state with { SafetyMode = PartOf(safety) };
        }
        else if (RoleOf(state) == SpeakerRole.Unknown)
        {
            state = Imply(state, safety);
        }

        if (routed.Language is { } language)
        {
            // The same words in their language twice in a row would read as a machine stuck: they alternate
            // with a second wording.
            return new TurnPlan(state, [InLanguage(safety, language, state)], MayAskForCountry: false);
        }

        // Told the same thing twice in a row, the person gets the next step rather than the same words:
        // in a crisis or emergency, the next step of that mode, never a button's reply.
        // The last turn's safety reply may have had an answer after it ("you dont understand me. my granddaughter 8 years is
        // in danger tonight. should I call the police now?", study 61: the emergency reply word for word, after the emergency
        // reply and the steps for someone worried about another adult; "idk i might as well end it honestly", study 69: the
        // crisis reply word for word, after the crisis reply and the young people's reply on parents). The state does not say
        // whether that answer came in the same turn or from a button since; either way the next step keeps the numbers.
        var saidLastTurn = ChainOf(state.LastReply) == ChainOf(safety)
            || (ChainOf(safety) is EmergencyChain or CrisisChain && state.SafetyMode is not null && ChainOf(state.LastReply) < 0
                && ChainOf(state.PreviousReply) == ChainOf(safety));
        // A request wrapped in a reason ("im a student ... for my criminology module. what kind of search terms do offenders
        // use", study 106: the refusal that speaks of AI, and the reason left unanswered) gets the refusal that answers the
        // reason, unless that was one of the last two replies.
        var first = Intents.IsUrgent(safety)
                ? (saidLastTurn ? NextInSafetyMode(mode, state) : safety)
            : mode == TopicIds.Deterrence && GetsPretextRefusal(message, state) ? DeterrencePretext
            // "its just anime art tbh, loli stuff is legal in japan and no real kid is involved. where do people get it now"
            // (study 119's gawain-1: the first refusal, which says nothing of drawings): the refusal that answers "no real
            // child", with the law on drawings, unless it was one of the last two replies.
            : mode == TopicIds.Deterrence && message.Value is not null && !InLastTwo(state, DeterrenceWhyAi)
                && cues.Says(CueList.NoRealChild, message) ? DeterrenceWhyAi
            : mode == TopicIds.Deterrence && !IsInTopic(state, safety) && message.Value is not null && cues.Says(CueList.OlderMinors, message)
                && !cues.SaysUnder18(message) ? DeterrenceAge
            : IsInTopic(state, safety) ? NextRefusal(state)
            : safety;
        // A victim's parent whose own child may take their life ("hes locked himself in the bathroom crying and wont come out. im
        // scared hes going to hurt himself", study 149: the parent's variant, whose first line is for when the person who hurt
        // the child said it): the reply for their child.
        if (first == IntentRouter.CrisisForSomeoneElse && RoleOf(state) == SpeakerRole.ParentOfVictim && message.Value is not null
            && cues.Says(CueList.OwnChildAtRisk, message) && !cues.Says(CueList.OwnChildAtRiskUnless, message))
        {
            first = CrisisSomeoneElseChild;
        }

        // Something already taken or done in one's own crisis: medical help first (as in PlanInSafetyMode, for later turns).
        if (safety == TopicIds.Crisis && message.Value is not null && SaysHarmDoneNotJustAnswered(message, state))
        {
            first = CrisisTaken;
        }

        var steps = new List<Step> { new(first) };

        // The writer's own crisis said with an emergency: the emergency's steps first, then the crisis line in one line.
        if (routed.Secondary == TopicIds.Crisis)
        {
            steps.Add(new Step(SystemReplies.CrisisReminder));
            return new TurnPlan(state, steps, MayAskForCountry: false);
        }

        // What else the message asked, when it may be answered beside the safety reply (MayAnswerBesideSafety says when). Never
        // the parents' and educators' opening, a menu that starts on fake nudes ("its nearly 2 now. what if its the uncle who
        // picks her up at 3.15?", study 142, a teacher in Leeds: the emergency steps, then "fake nude images made with apps").
        if (routed.Secondary is { } secondary && MayAnswerBesideSafety(secondary, safety, mode, state)
            && cues.Redirect(secondary, RoleOf(state)) is var beside && beside != TopicIds.ParentsEducators)
        {
            steps.Add(new Step(beside));
        }

        return new TurnPlan(state, steps, MayAskForCountry: !Intents.IsUrgent(safety));
    }

    /// <summary>
    /// Beside an emergency only a specific answer helps ("will they know it was me"): a topic's opening reply
    /// ("should i go over there? my husband is with me", read as worry about another adult) only distracts. And only what may
    /// be answered beside a safety reply at all: "i call 112 now yes?" read as self-help's "line closed" put "if you
    /// might harm a child, keep away from children" under a neighbour's emergency (seventeenth study).
    /// Someone else's crisis beside an emergency (a son who says he would rather be dead, behind a locked door) is answered
    /// too: its reply says to stay with them and gives the crisis line. Never the reply for a relative after an arrest:
    /// "nobodys been arrested?? i'm asking do i call 999 tonight" (study 42) is no arrest, and while a child is in danger
    /// nobody needs it. Nor the replies for someone afraid of their own thoughts, unless that is who is speaking: "neighbour
    /// man shouting sexual things, child screaming, now. ... I call police?" (study 49) had the reply on fear of arrest,
    /// with the prevention line, under a witness's emergency.
    /// Beside someone else's crisis, never the steps for someone worried about another adult ("i said im scared my son might
    /// kill himself tonight. what do i do", study 82: "don't search their devices" under the crisis steps).
    /// Nor, beside an emergency, the reporting rules for staff, to staff: the emergency's steps for them say what to do now ("do
    /// i ring tusla or the guards? the uncle collects him at 4 today", study 87: the rules after them, with the hotline for
    /// images online). Other roles are redirected from it to their own replies (a witness's on reporting), which may stay.
    /// Nor the steps for someone worried about another adult ("think about which children they spend time with", "talk to
    /// them calmly"): under an emergency they distract from the call (the review of session 36).
    /// </summary>
    private static bool MayAnswerBesideSafety(string secondary, string safety, string? mode, ConversationState state)
    {
        if (secondary != IntentRouter.CrisisForSomeoneElse && AnswerableBesideSafety(secondary) is null)
        {
            return false;
        }

        var role = RoleOf(state);
        var heldBackBesideEmergency = secondary == Intents.TopicOf(secondary) || secondary == ConcernOtherArrested
            || secondary == ConcernOtherSteps
            || (secondary == ParentsEducatorsReportingDuty && role == SpeakerRole.Professional)
            || (Intents.TopicOf(secondary) == TopicIds.SelfHelp && !role.IsSelf());
        if (mode == TopicIds.Emergency && heldBackBesideEmergency)
        {
            return false;
        }

        // "i cant sleep. i feel like a monster. sometimes i think theyd all be better off if i wasnt here" (study 123, a man who
        // had touched his niece): under the crisis steps, the reply on the word "paedophile", which for him names the abuse he
        // did and his responsibility for it. In a crisis, the crisis steps alone.
        if (safety == TopicIds.Crisis && role == SpeakerRole.Harmer && secondary == SelfHelpAmI)
        {
            return false;
        }

        return !(safety == IntentRouter.CrisisForSomeoneElse && IsStepsForAnotherAdult(secondary));
    }

    /// <summary>After a crisis or emergency reply: stay with it until the person says the danger has passed,
    /// thanks the bot, starts again or presses on elsewhere. A question in the meantime is answered, after
    /// a short reminder of the numbers; anything else gets the next concrete step. Returns null when the
    /// person has moved on, and the turn is read as usual.</summary>
    private TurnPlan? PlanInSafetyMode(
        string mode, RoutedIntent routed, FollowUp followUp, bool saysSafe, bool asksSomething, string? askedWhileSafe, string text,
        NormalisedText message, IReadOnlySet<string> ruledOut, ConversationState state)
    {
        var left = state with { SafetyMode = null };
        if (followUp == FollowUp.Restart)
        {
            return null;
        }

        // Something already taken, or self-harm already done (seventeenth study: "i took a bunch of my mums pills like an
        // hour ago", then "will i be ok? it was like 10 panadol", got the crisis steps, whose emergency number is only "if
        // you might act on these thoughts"): medical help now, once; after it, the crisis steps go on.
        if (mode == TopicIds.Crisis && ChainIn(mode, state) != SomeoneElseChain && SaysHarmDoneNotJustAnswered(message, state))
        {
            return new TurnPlan(state, [new Step(CrisisTaken)], MayAskForCountry: false);
        }

        // Help called for, with thanks ("ok calling 999 now. thanks", "ok chiamo il 112. grazie": the close, study
        // review): what to do until it arrives comes first; the thanks can wait until the child is safe. Not when the
        // message says help is there ("its quiet now. theyre here, cops are knocking"): that is the emergency ending, below.
        // A witness's own question in the same message ("ok rang them, cops are on there way. will they tell the family it was
        // me that called??", study 37) is answered after it.
        if (mode == TopicIds.Emergency && !saysSafe && followUp != FollowUp.Safe && cues.SaysHelpComing(text, message))
        {
            var coming = ChainIn(mode, state) == ComingChain ? NextInSafetyMode(mode, state) : EmergencyComing;
            List<Step> steps = [routed.Language is { } spoken ? InLanguage(EmergencyComing, spoken, state) : new Step(coming)];
            if (routed.Language is null && asksSomething && WitnessQuestionAsked(text, message, state) is { } own)
            {
                steps.Add(new Step(cues.Redirect(own, RoleOf(state))));
            }

            return new TurnPlan(state with { SafetyMode = EmergencyComing }, steps, MayAskForCountry: false);
        }

        // "ok thank you, I'll call them after school": a close, which carries the crisis line. A question with the
        // thanks ("thanks. so does that work without copies?") is a question.
        if (followUp == FollowUp.Thanks || (cues.SaysThanks(message) && !asksSomething))
        {
            // In a crisis, the close backs their plan to reach a person and keeps the line, and the mode stays:
            // "ok I'll call. merci" is often followed by "I'm scared, will the police come?". After an emergency,
            // the usual warm close, which carries the crisis line too.
            // Someone who was worried about another person's crisis is leaving: the warm close, which carries the line.
            return mode == TopicIds.Crisis && ChainIn(mode, state) != SomeoneElseChain
                ? new TurnPlan(state, [new Step(IsLast(state, CrisisClose) ? NextInSafetyMode(mode, state) : CrisisClose)], MayAskForCountry: false)
                : new TurnPlan(left, [Close(routed, state)], MayAskForCountry: false);
        }

        // Someone worried about their own thoughts, past the crisis reply, writing in their language either that they are not
        // at risk now ("non c'est bon, je vais pas faire de bêtise ce soir, je ne suis pas en danger ... est-ce qu'il y a quelque
        // chose que je peux faire seul, en ligne?", study 46: the French crisis reply twice, the second with what to do for
        // someone else), or about those thoughts (its `self` lexicon: "ce soir je ne vais rien me faire. mais dimanche je dois
        // garder mon neveu de 6 ans et j'ai peur", thirteenth study: the crisis reply again, with Canada's line): the reply
        // written for them, in its two wordings, which keeps the emergency number and says they need not look after a child
        // alone. The mode stays, and a crisis phrase in their language still gets the crisis reply (the lexicon reads it first).
        // Who has not said who they are is one once their language's lexicon reads their own thoughts ("existe alguma ajuda para
        // pessoas como eu? que viram essas imagens de menores?", study 132, a man in Porto: the crisis reply again).
        if (mode == TopicIds.Crisis && routed is { Reason: RouteReason.OtherLanguage, Language: { } ownLanguage }
            && ChainIn(mode, state) != SomeoneElseChain
            && (RoleOf(state).IsSelf() || (RoleOf(state) == SpeakerRole.Unknown && routed.TopicId == TopicIds.SelfHelp))
            && (saysSafe || followUp == FollowUp.Safe || cues.SaysNotActingNow(message)
                // Once they have said so, what they write next in that language is about their thoughts too ("gibts irgendwo
                // jemanden mit dem ich reden kann? ... anonym, auf deutsch", study 49: the German crisis reply three times).
                || routed.TopicId == TopicIds.SelfHelp || WasLastInLanguage(state, TopicIds.SelfHelp, ownLanguage)))
        {
            return new TurnPlan(Imply(state, TopicIds.SelfHelp), [InLanguage(TopicIds.SelfHelp, ownLanguage, state)], MayAskForCountry: false);
        }

        // Said in another language during a crisis ("ok ze is nu rustiger, ze zit naast me", study 39): the crisis reply in that
        // language, which also says what to do for someone else, rather than the English steps; the mode stays. A parent
        // who also asks how to talk to the child ("bon il est plus calme maintenant ... comment je lui parle de tout ça",
        // study 37) gets the reply on that. Not while the child may still be at risk ("er sitzt neben mir ... was sage ich
        // ihm jetzt?" is no such statement, and keeps the crisis reply, which says not to leave him alone).
        if (saysSafe && mode == TopicIds.Crisis && routed is { Reason: RouteReason.OtherLanguage, Language: { } calmerLanguage })
        {
            // Asking about the images ("adesso non e un emergenza. voglio solo sapere come faccio a far togliere le foto", study
            // 123), the reply on them.
            var talk = routed.TopicId == TopicIds.ParentsEducators && !IsInTopic(state, TopicIds.ParentsEducators) && TalkFits(state);
            var images = routed.TopicId is TopicIds.VictimSupport or TopicIds.Report && !IsInTopic(state, routed.TopicId);
            var calmerReply = talk ? TopicIds.ParentsEducators : images ? routed.TopicId! : TopicIds.Crisis;
            return new TurnPlan(state, [InLanguage(calmerReply, calmerLanguage, state)], MayAskForCountry: false);
        }

        if ((followUp == FollowUp.Safe || saysSafe) && askedWhileSafe is null)
        {
            // "Police is here now, the child is with the mother" from someone who was shaken by an emergency a turn
            // ago is the emergency ending; someone else's crisis passing gets the close, which keeps the line.
            var chain = ChainIn(mode, state);
            var after = mode == TopicIds.Emergency || EmergencyJustNow(state) ? AfterHelpCame(message, state)
                : chain == SomeoneElseChain ? SystemReplies.Thanks
                : TopicIds.Crisis + "/stay-safe";
            // Said again without a thank-you, in one's own crisis ("no im ok, i'm not going to do anything. im safe tonight ... i
            // just get these thoughts", review study after session 20: got "You're welcome"): the crisis step, not the close.
            var again = mode == TopicIds.Crisis && chain != SomeoneElseChain && !cues.SaysThanks(message)
                ? NextInSafetyMode(mode, state)
                : SystemReplies.Thanks;
            return new TurnPlan(left, [new Step(IsLast(state, after) ? again : after)], MayAskForCountry: false);
        }

        if (FollowTypedButton(text, message, state) is { } typed)
        {
            return Answer(state, typed);
        }

        // Help was taken to be on its way, and the person says it is not ("no i havent called anyone yet. im scared of being
        // wrong", twenty-ninth study, dangerous: "help is on its way"): the call is still to make, so the emergency's own
        // step again, with the number.
        if (mode == TopicIds.Emergency && ChainIn(mode, state) == ComingChain && message.Value is not null && cues.Says(CueList.NotYetCalled, message))
        {
            return new TurnPlan(state with { SafetyMode = TopicIds.Emergency }, [new Step(EmergencyStill)], MayAskForCountry: false);
        }

        var still = NextInSafetyMode(mode, state);

        // A parent or young person writing about the blackmail itself once the crisis reply was given ("je paye les 300 euros
        // ou pas ?", "c'est du chantage, une sextorsion. PAYER OUI OU NON", review study after session 20: the crisis reply
        // again, six times), or about the images ("come faccio a far togliere le foto da whatsapp", study 123, a mother in
        // Milan whose daughter had said "vorrei sparire": the crisis reply four times, "sempre la stessa cosa del 112!!"), or
        // someone who found images: the reply written for them in their language, once in a row; the mode stays, and each of
        // those replies keeps the emergency number.
        if (routed is { Reason: RouteReason.OtherLanguage, Language: { } topicLanguage, TopicId: TopicIds.VictimSupport or TopicIds.Report }
            && mode == TopicIds.Crisis && !IsInTopic(state, routed.TopicId))
        {
            return new TurnPlan(state, [InLanguage(routed.TopicId, topicLanguage, state)], MayAskForCountry: false);
        }

        if (routed is { Reason: RouteReason.OtherLanguage, Language: { } language })
        {
            // The reply in their language again, in other words: better than English to someone at risk.
            var inLanguage = ChainIn(mode, state) == ComingChain ? EmergencyComing : mode;
            return new TurnPlan(state, [InLanguage(inLanguage, language, state)], MayAskForCountry: false);
        }

        // For someone else's crisis, as in an emergency, only a question is answered: "it's my daughter who said it,
        // what do I do" is the crisis itself, and its next step is what to do for her. A question without its mark counts
        // ("ok hes sitting with me. do i have to tell the police or just the accce thing", review study after session 18).
        var someoneElses = ChainIn(mode, state) == SomeoneElseChain;
        // Once help has been called for a child, the call is made: a witness's clear questions about themselves ("will she know
        // it was me who called? we share a fence", study after session 21: the emergency reply three times) are read outside
        // the emergency, as once the child is safe, and answered beside the number. Only those: "he is knocking on door,
        // shouting. should i take her and go out of the house?" is the emergency going on, whatever else it reads as.
        var helpCalled = mode == TopicIds.Emergency && ChainIn(mode, state) == ComingChain;
        var asksQuestion = text.Contains('?', StringComparison.Ordinal) || (someoneElses && cues.AsksMoreThanWhatNow(text));
        var asks = !someoneElses || asksQuestion;
        // The reader's own guilt, said beside someone else's crisis ("its just me, his dad isnt around. i keep thinking i
        // shouldve checked his phone, this is my fault isnt it", study 115, a mother whose son of 14 was sextorted and said he
        // would kill himself: his crisis's steps again, never "this is not your fault"). A statement, so read as outside the
        // crisis, where it leans to guilt; the crisis's next step comes first, whatever else the message says ("its all my
        // fault ... hes locked himself in the bathroom and wont answer", the review of session 41: the reminder alone).
        if (someoneElses && !asksQuestion && followUp == FollowUp.None && askedWhileSafe is null
            && ReadOutsideSafety(text, message, state) is { Candidates: [{ LikeliestReply: { } guilt, Score: var sure }, ..] }
            && OwnGuilt.Contains(guilt) && sure >= LikelyInCrisis
            && cues.Redirect(guilt, RoleOf(state)) is var forThem && !IsLast(state, forThem))
        {
            return new TurnPlan(
                Imply(state, forThem), [new Step(still), new Step(forThem)], MayAskForCountry: false);
        }

        // In one's own crisis a question is read as it would be outside it: read with the crisis as context, "should i delete
        // my history or is that worse. and do i get a solicitor" and "rape crisis is for women though isnt it" leaned to
        // the crisis and got its next step, four times in the twenty-eighth study. No crisis phrase is in the message (the
        // lexicon would have answered it); a reading of the crisis itself is still never answered beside it. Read again only
        // when no earlier reading answered it.
        var question = askedWhileSafe;
        RoutedIntent? readOutside = null;
        if (question is null && followUp == FollowUp.None && asks)
        {
            // Someone else's crisis too, when a question is asked ("but is HE in trouble?? he sent a nude of himself", study 82, a
            // mother whose blackmailed son of 14 said he could not live if it got out: read with the crisis as context, the next
            // crisis step).
            readOutside = mode == TopicIds.Crisis && asksSomething && (!someoneElses || asksQuestion)
                ? ReadOutsideSafety(text, message, state) : null;
            var read = readOutside ?? routed;
            // A hesitant reading as a young person's question is no guess for a known adult, as outside a safety mode
            // (LikeliestForSpeaker): "watching me. 11 year old me. how do i live with that" from a survivor in a crisis read at
            // 0.34 as a teenager's own viewing, and got the survivors' opening beside the reminder (session 28's replay).
            if (read is { Reason: RouteReason.BelowThreshold, Candidates: [var top, ..] } && top.TopicId == TopicIds.YoungPerson
                && RoleOf(state) is var speaker && speaker != SpeakerRole.Unknown && !speaker.IsUnder18())
            {
                read = read with { Candidates = [] };
            }

            question = AnswerableInSafetyMode(mode, someoneElses, read, asksQuestion, asksSomething)
                ?? (helpCalled && asksSomething ? WitnessQuestionAsked(text, message, state) : null)
                ?? (mode == TopicIds.Emergency && asksSomething ? CuedQuestionInEmergency(text, message, state, helpCalled) : null);
        }


        // Once the last turn answered one of their questions beside the reminder, the person is talking about their
        // situation, not the crisis: "wud it be ok if i told my sister instead, shes 22", "how do i even find a therapist
        // who deals with this", "will these thoughts ever go away??" (study after session 20: each got the crisis steps again,
        // three people, read as not listening). Read with that answer's topic as context, and for who is speaking. Only what
        // asks something or says they are safe: a statement ("maybe everyone is better off if im gone") may be the crisis in
        // words no lexicon has.
        if (question is null && mode == TopicIds.Crisis && !someoneElses && followUp == FollowUp.None
            && (asksSomething || saysSafe || cues.SaysNotActingNow(message)) && !cues.SaysThanks(message)
            // "i mean who would even care", "wont be here by then" (the review of session 47): the crisis, whatever is asked.
            && !cues.Says(CueList.RiskInTheQuestion, message)
            && state.LastReply is { } answered && Intents.TopicOf(answered) is not (TopicIds.Crisis or TopicIds.System))
        {
            // Past such an answer, a clear question about when the line is open, or what to do alone, is theirs too ("its
            // usually late at night when its worst. are stop it now even open then", study 141, after the reply on getting
            // through tonight: the crisis step, three times); both replies name the crisis line.
            // Not "what if it gets bad on the weekend" (the crisis itself), nor "is there anything i can text instead" (its text
            // line).
            question = AskedWhileSafe(
                text, message, state, Intents.TopicOf(answered),
                saidCalmer: message.Value is not null && !cues.Says(CueList.RiskInTheQuestion, message) && !cues.Says(CueList.AsksWriting, message));
            // "what number i call in germany? i want talk to a person tonight" asks for a crisis line, as in AnswerableInSafetyMode,
            // however it is read with the last answer as context (session 28's replay: as what happens on a call). Judged without
            // that context, which lifts its own topic and so lowers the crisis's reading (read once per turn: above, when it
            // was read there).
            if (question == SelfHelpCallNow
                || (question is not null && ReadsAsCrisisToo(readOutside ?? ReadOutsideSafety(text, message, state))))
            {
                question = null;
            }
        }

        // A question only some speakers ask ("no im not going to do anything stupid, i have my kids. im just so tired. should i
        // leave him?", study 123: the reminder and the opening reply for someone worried about another adult), answered as it
        // is outside a crisis, whatever else it was read as.
        // A deadline in the threat that drives a young person's crisis counts as asking what to do about it ("she just msged
        // again saying 30 min left or she sends it to everyone", study 140: the crisis step alone).
        if (mode == TopicIds.Crisis && !someoneElses
            && (asksSomething || saysSafe || cues.SaysNotActingNow(message)
                || (message.Value is not null && cues.Says(CueList.ThreatDeadline, message) && !cues.Says(CueList.DeadlineUnless, message)))
            && !ReadsAsSafety(routed) && QuestionForWhoIsSpeaking(message, ruledOut, state) is { } cued)
        {
            question = cued;
        }

        // A refused seeker in his own crisis who has said he will not act on it, and now turns to his thoughts ("tbh the article
        // thing was bs. im kind of worried about myself. i keep thinking about it and i dont want to", study 150, a man in Dublin:
        // the crisis step that speaks of "thinking of ending your life", a turn after he said he would not): the way out, beside
        // the reminder, which keeps the crisis line.
        if (question is null && mode == TopicIds.Crisis && !someoneElses && RoleOf(state) == SpeakerRole.Seeker
            && message.Value is not null && cues.SaysTurningToHelp(message) && !cues.Says(CueList.RiskInTheQuestion, message)
            && (cues.SaysNotActingNow(message) || InLastTwo(state, CrisisStaySafe) || InLastTwo(state, SystemReplies.CrisisDenied)))
        {
            question = WayOutForSeeker(state, null);
        }

        if (question is not null)
        {
            // A question asked while in danger is answered: the study's people in crisis asked whether the
            // line is anonymous, how removal works, what to say on a call, and a reply that only repeated the
            // crisis lines read as not listening. The lines stay in sight: for an emergency the number comes
            // first, as before; in a crisis a one-line reminder comes first and the answer, with its buttons, last.
            // The same rule as outside a crisis: a blackmailed 15-year-old's "will they arrest me for the pic?" read as his own
            // sexual thoughts (review study after session 20, dangerous) gets the young people's opening reply.
            // What the services for a young person's own thoughts keep private is answered as it is, not as the crisis's
            // privacy reply (study 36's replay: "im asking about stop it now. do they report u to police if ur a kid").
            var fitted = cues.Redirect(question, RoleOf(state));

            // Someone else's crisis, a child about to go home or whose parents do not know ("is it ok to just let her go home??",
            // study 107, a school counselor: the reply for a child going home to the person who hurt them, "don't tell the
            // family first"): not alone, and the parents told so they can keep the child safe. The state cannot say whether
            // the child also said someone at home hurts them, so that reply opens with that case. Only for a professional:
            // the reply is written for a child in their care, and tells them to call the parents.
            if (someoneElses && RoleOf(state) == SpeakerRole.Professional
                && fitted is ParentsEducatorsToday or ParentsEducatorsLeadAway or ParentsEducatorsTellParents)
            {
                fitted = CrisisSomeoneElseHome;
            }

            var reference = ForOwnThoughts(fitted, state) is var own && own != fitted ? own
                : AnswerInSafetyMode(mode, OwnThoughtsUnspoken(fitted, message, state) ? TopicIds.YoungPerson : fitted);
            if (IsLast(state, reference))
            {
                // Asked again: the answer was just given, so its next step, beside the reminder as before. The crisis
                // step instead read as not listening ("ur not listening. is stop it now anonymous or not", replay of the
                // first nine studies). The answer's second wording comes first where it has one ("ur not listening. if i call
                // stop it now will they tell the police?" after privacy/in-crisis, whose next step is the crisis's own). When
                // the answer has no next step that may be given here, the safety mode's.
                if (content.TryGetReply(content.International, reference + Intents.AgainSuffix, out var reworded))
                {
                    reference = reworded.Ref;
                }
                else if (NextStep(state, reference) is var further && further != SystemReplies.AnythingElse
                    && AnswerableBesideSafety(further) is not null && !IsLast(state, AnswerInSafetyMode(mode, further)))
                {
                    reference = AnswerInSafetyMode(mode, further);
                }
                else
                {
                    return new TurnPlan(state, [new Step(still)], MayAskForCountry: false);
                }
            }

            var answer = new Step(reference);
            var reminder = new Step(
                helpCalled ? SystemReplies.EmergencyReminder
                : mode == TopicIds.Emergency ? still
                : ChainIn(mode, state) == SomeoneElseChain ? SystemReplies.SomeoneElseReminder
                : SystemReplies.CrisisReminder);
            return new TurnPlan(Imply(state, answer.Reference), [reminder, answer], MayAskForCountry: false);
        }

        return new TurnPlan(state, [new Step(still)], MayAskForCountry: false);
    }

    /// <summary>What a message asks, read in a safety mode: a confident intent, or in a crisis the likeliest
    /// reading of a question. Never deterrence, the welcome, out-of-scope or the safety topics themselves, and
    /// of self-help only the replies that answer a question: its safety plans for urges and its "line closed"
    /// advice are not what someone at risk of suicide needs next ("nobody will answer, the tablets are in the
    /// drawer" must get the crisis line).</summary>
    private static string? AnswerableInSafetyMode(string mode, bool someoneElses, RoutedIntent routed, bool asksQuestion, bool asksSomething)
    {
        var intent = routed switch
        {
            // During an emergency only a question is answered ("should I call the police?"): "I can't think, what
            // do I do" is the emergency itself, and an answer next to it (with a non-emergency number) distracts.
            // During an emergency the reading must be clearer still: "he is knocking on the door... should i take her and
            // go out of the house?" read at 0.58 as a parents' grooming question put online-safety advice under the
            // emergency reply (eighth study).
            // So must a question asked for someone else in crisis ("what do i do right now, do i go in to him?" is their
            // crisis itself), and, in one's own crisis, a statement ("i feel so disgusting, like its my fault" gets the next
            // crisis step, eighth study).
            // Someone else's crisis, asked about with a question the classifier reads clearly enough, but not as the steps for
            // someone worried about another adult ("should i look at his phone?", "how do i stop the picture going out by 3pm",
            // study 81, a school nurse with a suicidal boy of 13 who was being blackmailed: read at 0.45 and 0.54, and given
            // the crisis steps again).
            { Reason: RouteReason.Classifier, Intent: { } confident, Confidence: var confidence }
                when (mode == TopicIds.Crisis && !someoneElses && (asksSomething || confidence >= ClearInEmergency))
                    || (asksQuestion && confidence >= ClearInEmergency)
                    || (mode == TopicIds.Crisis && someoneElses && asksQuestion
                        && !IsStepsForAnotherAdult(confident)) => confident,
            // Not self-help's opening: "is there a dutch number for that?" after the crisis lines asks for a line. During someone
            // else's crisis, never the general steps for someone worried about another adult: "what do i do right now, do i go
            // in to him? im shaking" (read so at 0.44, study 36's replay) is the crisis itself, whose next step says what to do.
            // Nor when the message reads almost as much as the crisis itself (ReadsAsCrisisToo).
            { Reason: RouteReason.BelowThreshold, Candidates: [var best, ..] }
                when mode == TopicIds.Crisis && best.Score >= LikelyInCrisis && HesitantReply(best) != TopicIds.SelfHelp
                    && !ReadsAsCrisisToo(routed)
                    && !(someoneElses && IsStepsForAnotherAdult(HesitantReply(best)))
                    && asksSomething => HesitantReply(best),
            _ => null,
        };
        // "Is there a dutch number for that?" after the crisis lines asks for a crisis line, not the prevention line.
        if (mode == TopicIds.Crisis && intent == SelfHelpCallNow)
        {
            return null;
        }

        return intent is null ? null : AnswerableBesideSafety(intent);
    }

    /// <summary>The steps for someone worried about another adult, which are never answered beside someone else's crisis: its
    /// own steps say what to do for them ("what do i do right now, do i go in to him?", "i said im scared my son might kill
    /// himself tonight").</summary>
    private static bool IsStepsForAnotherAdult(string intent) => intent is TopicIds.ConcernOther or ConcernOtherSteps;

    /// <summary>The intent, if it may be answered beside a safety reply: never deterrence, the welcome, out-of-scope or
    /// the safety topics themselves, and of self-help only the replies that answer a question.</summary>
    private static string? AnswerableBesideSafety(string intent) => Intents.TopicOf(intent) switch
    {
        TopicIds.SelfHelp => SelfHelpAnswerableInSafetyMode.Contains(intent) ? intent : null,
        // "ok police are here now. they took him outside. what happens next": while the emergency lasts, its own next step
        // (stay with the child, what to tell the police) answers that; what may happen to the child comes after it.
        _ when intent == ConcernOtherAfterPolice => null,
        TopicIds.Welcome or TopicIds.OutOfScope or TopicIds.Crisis or TopicIds.Emergency or TopicIds.Deterrence => null,
        _ => intent,
    };

    /// <summary>How sure a reading must be of a question asked once the child is safe for it to end the emergency.</summary>
    private const double ClearAfterEmergency = 0.6;

    /// <summary>How sure the classifier must be of a question asked during an emergency for it to be answered beside it.</summary>
    private const double ClearInEmergency = 0.7;

    /// <summary>How likely a hesitant reading of a question must be to be answered during a crisis.</summary>
    private const double LikelyInCrisis = 0.3;

    /// <summary>True when a hesitant reading has the crisis itself among its likely readings: in one's own crisis its step,
    /// with the lines, answers the message better than a guess at something else.</summary>
    private static bool ReadsAsCrisisToo(RoutedIntent routed) =>
        routed.Candidates.Any(c => c.TopicId == TopicIds.Crisis && c.Score >= LikelyInCrisis);

    /// <summary>The witness's question about themselves that the message asks (<see cref="WitnessQuestions"/>), read as
    /// <see cref="ReadOutsideSafety"/> reads it and sure enough; otherwise null.</summary>
    private string? WitnessQuestionAsked(string text, NormalisedText message, ConversationState state) =>
        ReadOutsideSafety(text, message, state) is { Reason: RouteReason.Classifier, Intent: { } asked, Confidence: var sure }
            && WitnessQuestions.Contains(asked)
            && sure >= (WitnessFears.Contains(asked) ? ClearWitnessFear : ClearAfterEmergency)
            ? asked
            : null;

    /// <summary>A question in an emergency that its own steps do not answer, and that a cue names surely enough to answer beside
    /// them. Before help is called, a witness's fear of being known as the caller ("will they tell him it was me who rang??
    /// hes scary", study 126; "hes a big bloke ... will he find out it was me that rang", study 128: the emergency's step twice,
    /// with no answer): the answer that keeps them calling. Only a witness: a parent or a young person afraid of the person is
    /// in the emergency's own replies for them. And what to write down of what a child said, or, for a teacher, whether to
    /// call the child's parent ("what exactly should i write down, i have like 5 min before recess duty", "should i call her
    /// mom? i know her, shes nice", study 128, a teacher in Toronto with the stepfather due at 3:30: the emergency's two replies
    /// in turn, five times).</summary>
    private string? CuedQuestionInEmergency(string text, NormalisedText message, ConversationState state, bool helpCalled)
    {
        var role = RoleOf(state);
        if (!helpCalled && role is SpeakerRole.Neighbour or SpeakerRole.Bystander or SpeakerRole.ScreenWitness or SpeakerRole.Unknown
            && (cues.Says(CueList.KnownAsCaller, message) || WitnessQuestionAsked(text, message, state) == ConcernOtherAnonymous))
        {
            return EmergencyKnown;
        }

        // Whether the school may keep the child from whoever comes for them is asked before help comes and while it is on its
        // way ("Can I legally keep her at school past 3.15 if he turns up?", study 131): answered beside the number either way.
        if (role == SpeakerRole.Professional && cues.Says(CueList.KeepingTheChild, message)
            && !InLastTwo(state, ParentsEducatorsKeepAtSchool))
        {
            return ParentsEducatorsKeepAtSchool;
        }

        // Once help is called, what to write down is among the witness's questions (WitnessQuestionAsked), and the wait's
        // own steps say what to tell them. Only a professional, whose record and whose question about the family are written
        // for them: a neighbour or parent asking "should i take notes of what i can hear first" must be told to call (the
        // review of session 44).
        if (helpCalled || role != SpeakerRole.Professional)
        {
            return null;
        }

        if (cues.Says(CueList.WritingItDown, message) && !InLastTwo(state, ParentsEducatorsRecord))
        {
            return ParentsEducatorsRecord;
        }

        return cues.Says(CueList.TellingTheParent, message) && !InLastTwo(state, ParentsEducatorsTellParents)
            ? ParentsEducatorsTellParents
            : null;
    }

    private const string ParentsEducatorsRecord = TopicIds.ParentsEducators + "/record";

    private const string YoungPersonFriendsAsking = TopicIds.YoungPerson + "/friends-asking";
    private const string YoungPersonSharedDelete = TopicIds.YoungPerson + "/shared-delete";

    private const string ParentsEducatorsKeepAtSchool = TopicIds.ParentsEducators + "/keep-at-school";

    private const string EmergencyKnown = TopicIds.Emergency + "/known";

    /// <summary>A witness's fears for themselves once help has been called: being known as the caller, and the person coming
    /// after them. What to tell the police is the emergency's own next step, so it keeps the usual threshold.</summary>
    private static readonly HashSet<string> WitnessFears = new(StringComparer.Ordinal)
    {
        ConcernOtherAnonymous, TopicIds.ConcernOther + "/retaliation",
    };

    /// <summary>How sure a reading of a witness's fear for themselves must be to be answered beside the number. Lower than
    /// <see cref="ClearAfterEmergency"/>: the answer never replaces the number ("police said theyre sending someone. will
    /// they tell him it was me that called? i have to live next to this guy" read so at 0.6, and got the waiting steps alone,
    /// in study 45's replay).</summary>
    private const double ClearWitnessFear = 0.5;

    /// <summary>A witness's questions about themselves, answered beside the number once help has been called: whether they
    /// will be known as the caller, whether the person may come after them, what the police will want from them, and what
    /// to write down of what a child said.</summary>
    private static readonly HashSet<string> WitnessQuestions = new(StringComparer.Ordinal)
    {
        ConcernOtherAnonymous, TopicIds.ConcernOther + "/retaliation", TopicIds.ConcernOther + "/witness",
        // "theyre sending someone. should i write down exactly what she said to us, word for word? and do i ask her more
        // questions before they come" (study 42): what to write down, and not to question the child.
        TopicIds.ParentsEducators + "/record",
    };

    private static readonly HashSet<string> SelfHelpAnswerableInSafetyMode = new(StringComparer.Ordinal)
    {
        TopicIds.SelfHelp, TopicIds.SelfHelp + "/main", TopicIds.SelfHelp + "/call-now", TopicIds.SelfHelp + "/what-happens",
        TopicIds.SelfHelp + "/confidential", TopicIds.SelfHelp + "/fear-of-arrest", SelfHelpAmI,
        SelfHelpAroundChildren, TopicIds.SelfHelp + "/other-language",
        // "im not going to do anything tonight. i just want to stop looking at that stuff. what do i actually do now" (study
        // 36's replay): the steps for the moment of an urge end with the crisis line too.
        SelfHelpTonight, SelfHelpTellPartner,
        // "is there like therapy for this that actually works" after "im not going to do anything tonight" (study 55's
        // replies): whether help exists and what it costs, both ending with the crisis line.
        TopicIds.SelfHelp + "/treatment", TopicIds.SelfHelp + "/free",
        // "theres some saved on my laptop still. should i just delete it all?" past "im not gonna do anything daft" (study 60:
        // the crisis steps twice): what to do with saved images ends with the crisis line too.
        SelfHelpHaveImages,
        // "will these thoughts ever actually go away? i just want to be normal" past "everyone would be better off without me"
        // (study 99, a man in Australia with thoughts about his niece: the crisis steps instead); it ends with the crisis line.
        TopicIds.SelfHelp + "/intrusive",
    };

    /// <summary>The next reply in a safety mode, never the one just sent: for an emergency the number and
    /// "don't confront" again (main, still, main, …); once help is on its way, what to do until it arrives
    /// (coming, waiting, …); for a crisis the ways to keep safe and the lines (stay-safe, still, …); for someone
    /// else's crisis what to do for them (someone-else, someone-else-still, …). After a turn that also answered
    /// a question, the step before that answer is the one just sent.</summary>
    private static string NextInSafetyMode(string mode, ConversationState state)
    {
        var chain = SafetyChains[ChainIn(mode, state)];
        var last = chain.Contains(state.LastReply) || !chain.Contains(state.PreviousReply) ? state.LastReply : state.PreviousReply;
        return last == chain[0] ? chain[1] : chain[0];
    }

    private const string EmergencyComing = TopicIds.Emergency + "/coming";
    private const string EmergencyShaken = TopicIds.Emergency + "/shaken";
    private const string EmergencyShakenStill = TopicIds.Emergency + "/shaken-still";
    private const string EmergencyNext = TopicIds.Emergency + "/next";
    private const string EmergencyArrived = TopicIds.Emergency + "/arrived";
    private const string EmergencyAfterwards = TopicIds.Emergency + "/afterwards";
    private const string DeterrenceHelp = TopicIds.Deterrence + "/help";
    private const string DeterrenceStopped = TopicIds.Deterrence + "/stopped";
    private const string DeterrenceMain = TopicIds.Deterrence + "/main";
    private const string DeterrencePretext = TopicIds.Deterrence + "/pretext";
    private const string DeterrenceAge = TopicIds.Deterrence + "/age";
    private const string SelfHelpAmI = TopicIds.SelfHelp + "/am-i";
    private const string SelfHelpHaveImages = TopicIds.SelfHelp + "/have-images";

    private const string DeterrenceAgeYoung = TopicIds.Deterrence + "/age-young";
    private const string DeterrenceWhyAi = TopicIds.Deterrence + "/why-ai";
    private const string DeterrenceJustLooking = TopicIds.Deterrence + "/just-looking";
    private const string DeterrenceConsequences = TopicIds.Deterrence + "/consequences";
    private const string DeterrenceNotJudging = TopicIds.Deterrence + "/not-judging";
    private const string DeterrenceFrustrated = TopicIds.Deterrence + "/frustrated";
    private const string DeterrenceFrustratedAgain = DeterrenceFrustrated + "-again";
    private const string YoungPersonOwnThoughts = TopicIds.YoungPerson + "/own-thoughts";
    private const string YoungPersonOwnThoughtsMore = TopicIds.YoungPerson + "/own-thoughts-more";
    private const string ConcernOtherArrested = TopicIds.ConcernOther + "/arrested";
    private const string ParentsEducatorsReportingDuty = TopicIds.ParentsEducators + "/reporting-duty";
    private const string YoungPersonInTrouble = TopicIds.YoungPerson + "/in-trouble";
    private const string YoungPersonParents = TopicIds.YoungPerson + "/parents";
    private const string YoungPersonTonight = TopicIds.YoungPerson + "/tonight";
    private const string YoungPersonAbuse = TopicIds.YoungPerson + "/abuse";

    private const string SelfHelpAroundChildren = TopicIds.SelfHelp + "/around-children";
    private const string SelfHelpOwnChild = TopicIds.SelfHelp + "/own-child";
    private const string SelfHelpWillCall = TopicIds.SelfHelp + "/will-call";
    private const string ParentsEducatorsTheirOtherParent = TopicIds.ParentsEducators + "/their-other-parent";
    private const string ParentsEducatorsDoctor = TopicIds.ParentsEducators + "/doctor";
    private const string ReportWork = TopicIds.Report + "/work";
    private const string ConcernOtherChildrenInImages = TopicIds.ConcernOther + "/children-in-images";
    private const string VictimSupportForMen = TopicIds.VictimSupport + "/for-men";
    private const string VictimSupportReportWhen = TopicIds.VictimSupport + "/report-when";
    private const string VictimSupportReporting = TopicIds.VictimSupport + "/reporting";
    private const string SelfHelpIntrusive = TopicIds.SelfHelp + "/intrusive";
    private const string SelfHelpIntrusiveCare = TopicIds.SelfHelp + "/intrusive-care";
    private const string ConcernOtherImages = TopicIds.ConcernOther + "/images";
    private const string ParentsEducatorsGrooming = TopicIds.ParentsEducators + "/grooming";
    private const string ParentsEducatorsToday = TopicIds.ParentsEducators + "/today";
    private const string ParentsEducatorsParentGuilt = TopicIds.ParentsEducators + "/parent-guilt";
    private const string ParentsEducatorsDisclosure = TopicIds.ParentsEducators + "/disclosure";
    private const string ParentsEducatorsServices = TopicIds.ParentsEducators + "/services";
    private const string ParentsEducatorsSupportChild = TopicIds.ParentsEducators + "/support-child";
    private const string ParentsEducatorsPoliceWhen = TopicIds.ParentsEducators + "/police-when";
    private const string ParentsEducatorsConfront = TopicIds.ParentsEducators + "/confront";
    private const string ParentsEducatorsLeadAway = TopicIds.ParentsEducators + "/lead-away";
    private const string ParentsEducatorsTellParents = TopicIds.ParentsEducators + "/tell-parents";
    private const string ConcernOtherAfterPolice = TopicIds.ConcernOther + "/after-police";
    private const string ConcernOtherWitness = TopicIds.ConcernOther + "/witness";
    private const string EmergencyStill = TopicIds.Emergency + "/still";
    private const string DeterrenceGoingAround = TopicIds.Deterrence + "/going-around";
    private const string DeterrenceRealPerson = TopicIds.Deterrence + "/real-person";
    private const string DeterrenceRealPersonHarm = DeterrenceRealPerson + "-harm";

    private static readonly FrozenSet<string> RealPersonReplies =
        new[] { DeterrenceRealPerson, DeterrenceRealPersonHarm }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The reply for a seeker's message about a fake nude of someone he knows, or null: what it would do to her ("would
    /// it even really hurt her tho?"), or what he has made just after those replies ("if i just delete it"), gets the reply on
    /// what it does to the person in it, unless it was the last; the request itself gets the refusal that speaks of the real
    /// person, then the other reply, then (both among the last two) the seeker's usual next step. Never when he reports a child
    /// in danger or backs off (`fake_unless`).</summary>
    private string? RealPersonReply(NormalisedText message, ConversationState state)
    {
        if (cues.Says(CueList.FakeUnless, message))
        {
            return null;
        }

        if (cues.Says(CueList.FakeHarmQuestion, message) || (InLastTwo(state, RealPersonReplies) && cues.Says(CueList.FakeFollowUp, message)))
        {
            return IsLast(state, DeterrenceRealPersonHarm) ? DeterrenceRealPerson : DeterrenceRealPersonHarm;
        }

        if (!cues.Says(CueList.FakeOfSomeoneKnown, message)
            || (InLastTwo(state, DeterrenceRealPerson) && InLastTwo(state, DeterrenceRealPersonHarm)))
        {
            return null;
        }

        return InLastTwo(state, DeterrenceRealPerson) ? DeterrenceRealPersonHarm : DeterrenceRealPerson;
    }
    private const string ConcernOtherRetaliation = TopicIds.ConcernOther + "/retaliation";
    private const string ConcernOtherSteps = TopicIds.ConcernOther + "/steps";
    private const string SelfHelpCallNow = TopicIds.SelfHelp + "/call-now";
    private const string SelfHelpLineClosed = TopicIds.SelfHelp + "/line-closed";

    /// <summary>Replies a young person who has told of abuse gets, after which being left with the person later is a
    /// question for <see cref="YoungPersonTonight"/>.</summary>
    private static readonly FrozenSet<string> AfterAbuseDisclosure = new[]
    {
        YoungPersonAbuse, YoungPersonTonight, YoungPersonTell, TopicIds.YoungPerson + "/tell-how",
        YoungPersonParents, TopicIds.YoungPerson + "/write", TopicIds.YoungPerson + "/age-consent", TopicIds.Privacy + "/helplines",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The replies a parent gets once a child has told them of abuse, after which "him" is the person the child named.</summary>
    private static readonly FrozenSet<string> AfterDisclosureToParent = new[]
    {
        ParentsEducatorsDisclosure, ParentsEducatorsServices, ParentsEducatorsSupportChild, ParentsEducatorsPoliceWhen,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The replies to someone blaming themselves for another person's harm: a parent, or anyone close.</summary>
    private static readonly FrozenSet<string> OwnGuilt =
        new[] { ParentsEducatorsParentGuilt, ConcernOtherSelfBlame }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The topics a language pack has a reply for beside self-help, each with the English reply that leads into it,
    /// if any (the reply on how to talk to the child only when its lexicon matches, never held): a French mother wrote one
    /// sentence in English, got the reply for images found on someone's device, then wrote French again (twenty-seventh
    /// study); an Italian mother wrote Italian after the English reply on grooming (study after session 20). Both had "this
    /// chat is only in English".
    /// A German mother who pressed the English buttons to the reply on a child's disclosure and then wrote "bitte auf deutsch.
    /// was mach ich heute nacht" (study 114, session 40) got the same; the replies on a disclosure and what follows it lead
    /// into the reply on a child abused.</summary>
    private static readonly (string Topic, string[] LeadHere)[] TopicsInLanguage =
    [
        (TopicIds.VictimSupport, []),
        (TopicIds.Report, [ConcernOtherImages]),
        (TopicIds.ConcernOther,
            [ParentsEducatorsGrooming, ParentsEducatorsDisclosure, ParentsEducatorsServices, ParentsEducatorsSupportChild,
             ParentsEducatorsPoliceWhen, ParentsEducatorsToday]),
        (TopicIds.ParentsEducators, []),
    ];

    /// <summary>The replies on a child blackmailed, groomed online or whose picture is shared, to the parents and to the young
    /// person, after which the reply in another language is the victim's.</summary>
    private static readonly FrozenSet<string> PictureOrBlackmailReplies = new[]
    {
        "parents-educators/sextortion", "parents-educators/sextortion-pay", "parents-educators/sextortion-evidence",
        "parents-educators/sextortion-say", "parents-educators/sextortion-say-again", "parents-educators/removal",
        "parents-educators/removal-how", "parents-educators/removal-again", "parents-educators/grooming",
        "young-person/threats", "young-person/pay", "young-person/block", "young-person/evidence", "young-person/removal",
        "young-person/sent-nude", "young-person/in-trouble", "young-person/in-trouble-again",
        // A fake nude of their child (study 159, a father in Lyon, after the English reply on it: "je connais les parents du
        // gamin j ai envie d aller chez eux ce soir", the French fallback, with a line for people worried about their own thoughts).
        "parents-educators/deepfake", "parents-educators/deepfake-police", "parents-educators/deepfake-copy",
        "parents-educators/deepfake-copy-again",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The topic of <see cref="TopicsInLanguage"/> a message in another language is answered in: the one its
    /// lexicon matched, else, unless the message only thanks, the one the conversation is in or was just led into.</summary>
    private static string? TopicHeldInLanguage(RoutedIntent routed, ConversationState state, bool thanksOnly)
    {
        // A young person writing in their language is never the adult worried about a child that the packs' reply on someone
        // else speaks to ("y si la manda a mi escuela igual? me dio hasta hoy en la noche", then "no es otra persona soy YO",
        // study 156, a girl of 16 in San Antonio blackmailed with her picture: "Cree al menor", twice): the victim's reply,
        // which has a young person's wording.
        if (routed.TopicId == TopicIds.ConcernOther && RoleOf(state) == SpeakerRole.YoungPerson)
        {
            return TopicIds.VictimSupport;
        }

        foreach (var (topic, _) in TopicsInLanguage)
        {
            if (routed.TopicId == topic && (topic != TopicIds.ParentsEducators || TalkFits(state)))
            {
                return topic;
            }
        }

        if (thanksOnly)
        {
            return null;
        }

        // An emergency reply in between does not end the topic: a father whose daughter was groomed, who then asked whether
        // to call the police tonight and said she is safe (study 36), is still talking about the grooming. Nor does the reply
        // on how to talk to the child, which answers one question within that topic and is never held itself. Nor does a crisis
        // reply once the person has said they are not at risk (study 41: a Spanish mother whose partner looked at images of
        // children, "no, no voy a hacerme nada ... lo que necesito saber es si le digo a él que lo sé").
        // The reply a topic leads to counts when it was the last one, whatever its own topic: a French mother who pressed the
        // English button on grooming and then wrote "il dit d'appeler les urgences si ils ont prevu de se voir, c'est le cas,
        // samedi. j'appelle le 17 alors?" (study 107) got "this chat is only in English".
        var held = state.LastReply is { } last && Intents.TopicOf(last) is TopicIds.Emergency or TopicIds.ParentsEducators or TopicIds.Crisis
            ? state.PreviousReply
            : state.LastReply;
        foreach (var (topic, leadHere) in TopicsInLanguage)
        {
            if (topic != TopicIds.ParentsEducators
                && ((held is not null && Intents.TopicOf(held) == topic)
                    || leadHere.Any(lead => held == lead || state.LastReply == lead)))
            {
                return topic;
            }
        }

        // A parent whose child is blackmailed or asked for pictures, after the English replies on it, writing in their language
        // again ("hij stuurt nu weer berichten, moet mijn zoon nog iets terug zeggen?", study 132: "this chat is only in
        // English"): the victim's reply, which says to stop replying and keep the messages.
        // Not every young people's reply: one on their own thoughts is no picture of theirs.
        return RoleOf(state) is SpeakerRole.ParentOfVictim or SpeakerRole.YoungPerson
            && (PictureOrBlackmailReplies.Contains(state.LastReply ?? string.Empty)
                || PictureOrBlackmailReplies.Contains(state.PreviousReply ?? string.Empty))
                ? TopicIds.VictimSupport
                : null;
    }

    /// <summary>Whether the reply in another language on talking to one's child fits: it is written for the parent of a
    /// child who was groomed, abused or blackmailed ("not their fault, the adult is responsible"), so only for a parent of a
    /// victim or in a conversation about that, just now or before a crisis reply. Not for a mother whose son made a fake
    /// nude of a classmate (study 39, dangerous: "wie rede ich mit meinem sohn darüber? ... er sagt es war nur spaß").</summary>
    private static bool TalkFits(ConversationState state) =>
        RoleOf(state) != SpeakerRole.ParentOfHarmer
        && (RoleOf(state) == SpeakerRole.ParentOfVictim
            || Intents.TopicOf(state.LastReply ?? string.Empty) is TopicIds.VictimSupport or TopicIds.ConcernOther
            || Intents.TopicOf(state.PreviousReply ?? string.Empty) is TopicIds.VictimSupport or TopicIds.ConcernOther);

    /// <summary>A young person whose conversation is about their own sexual thoughts, asking whether a service would report
    /// them ("wud stop it now tell the police on me", "if i call talking for change will they report me?", studies 36-37:
    /// the crisis steps, the reply for a young victim, or the youth line's privacy only; "if i ring one of them do they tell my
    /// parents? or the cops?", "would they report me to police. for the thoughts", study 108: the replies on not telling
    /// one's parents and on being blackmailed): the reply on what the services for their thoughts keep private. Otherwise
    /// the reply as read.</summary>
    private static string ForOwnThoughts(string reference, ConversationState state) =>
        !RoleOf(state).IsUnder18() || !InLastTwo(state, OwnThoughtsReplies) ? reference
        : reference is PrivacyHelplines or PrivacyProfessionals or SelfHelpConfidential
            or SelfHelpFearOfArrest or ConcernOtherAnonymous or YoungPersonParents or YoungPersonInTrouble ? PrivacyYoungThoughts
        // Telling an adult what happened to them is not what they asked ("no way am i telling a teacher thats the whole point
        // lol. how do i make the thoughts stop tho", study 141, a boy of 16 in Dublin: "they can help you report it").
        : reference == YoungPersonTell ? YoungPersonOwnThoughts
        : reference;

    private const string YoungPersonTell = TopicIds.YoungPerson + "/tell";
    private const string PrivacyHelplines = TopicIds.Privacy + "/helplines";
    private const string PrivacyProfessionals = TopicIds.Privacy + "/professionals";
    private const string SelfHelpConfidential = TopicIds.SelfHelp + "/confidential";
    private const string SelfHelpFearOfArrest = TopicIds.SelfHelp + "/fear-of-arrest";
    private const string ConcernOtherAnonymous = TopicIds.ConcernOther + "/anonymous";
    private const string PrivacyYoungThoughts = TopicIds.Privacy + "/young-thoughts";

    private const string YoungPersonOwnViewing = TopicIds.YoungPerson + "/own-viewing";
    private const string YoungPersonUrge = TopicIds.YoungPerson + "/urge";
    private const string YoungPersonTraced = TopicIds.YoungPerson + "/traced";
    private const string SelfHelpTonight = TopicIds.SelfHelp + "/tonight";

    /// <summary>The replies to a young person worried about their own thoughts or what they watched, after which "it" is what
    /// they watched.</summary>
    private static readonly FrozenSet<string> YoungViewingReplies = new[]
    {
        YoungPersonOwnThoughts, YoungPersonOwnThoughtsMore, YoungPersonOwnViewing, PrivacyYoungThoughts, YoungPersonUrge,
        YoungPersonTraced,
    }.ToFrozenSet(StringComparer.Ordinal);

    private const string LawOtherChild = TopicIds.Law + "/other-child";
    private const string SelfHelpActed = TopicIds.SelfHelp + "/acted";
    private const string SelfHelpActedNext = SelfHelpActed + "-next";
    private const string SelfHelpActedChild = SelfHelpActed + "-child";
    private const string YoungPersonHarmed = TopicIds.YoungPerson + "/harmed";
    private const string YoungPersonHarmedAmI = YoungPersonHarmed + "-am-i";
    private const string YoungPersonOwnThoughtsBabysit = TopicIds.YoungPerson + "/own-thoughts-babysit";
    private const string YoungPersonHarmedPlan = YoungPersonHarmed + "-plan";
    private const string SelfHelpTellPartner = TopicIds.SelfHelp + "/tell-partner";
    private const string SelfHelpIntrusiveDoctor = TopicIds.SelfHelp + "/intrusive-doctor";

    private const string ReportUpset = TopicIds.Report + "/upset";
    private const string VictimSupportWarnOthers = TopicIds.VictimSupport + "/warn-others";
    private const string VictimSupportWarnOthersPosting = VictimSupportWarnOthers + "-posting";
    private const string ConcernOtherTellFamily = TopicIds.ConcernOther + "/tell-family";
    private const string ConcernOtherSigns = TopicIds.ConcernOther + "/signs";
    private const string ConcernOtherChildChanges = TopicIds.ConcernOther + "/child-changes";
    private const string ConcernOtherSupportGroup = TopicIds.ConcernOther + "/support-group";
    private const string ConcernOtherSupport = TopicIds.ConcernOther + "/support";
    private const string ConcernOtherSelfBlame = TopicIds.ConcernOther + "/self-blame";
    private const string ParentsEducatorsPromised = TopicIds.ParentsEducators + "/promised";
    private const string ParentsEducatorsVictimParents = TopicIds.ParentsEducators + "/victim-parents";
    private const string ParentsEducatorsTalkToSomeone = TopicIds.ParentsEducators + "/talk-to-someone";

    /// <summary>The replies to someone a child has told of abuse, none of them about pictures: after them, how to talk to the
    /// child is the reply on helping a child after they have told (<see cref="QuestionForWhoIsSpeaking"/>).</summary>
    private static readonly FrozenSet<string> ToldReplies = new[]
    {
        "disclosure", "support-child", "child-harmed", "child-harmed-again", "promise", "promised", "services",
        // What to do next after a child told ("should I ring my daughter at work and tell her now?" after the reply on police
        // tonight or tomorrow, study 143): still after a child told.
        "police-when", "confront", "keep-away",
    }.Select(id => TopicIds.ParentsEducators + "/" + id).ToFrozenSet(StringComparer.Ordinal);
    private const string ParentsEducatorsGroomingIdentify = TopicIds.ParentsEducators + "/grooming-identify";
    private const string ConcernOtherStayOrLeave = TopicIds.ConcernOther + "/stay-or-leave";

    /// <summary>The replies on a sexual picture of a child made or shared by other children, after which "they" are those
    /// children. Not the replies on removal or the school, which any picture reaches (yara-3: a grandmother worried about a
    /// stepfather).</summary>
    private static readonly FrozenSet<string> AfterPeerImage = new[]
    {
        TopicIds.ParentsEducators + "/deepfake", TopicIds.ParentsEducators + "/deepfake-police",
        TopicIds.ParentsEducators + "/deepfake-copy", TopicIds.ParentsEducators + "/deepfake-copy-again",
        ParentsEducatorsVictimParents, LawOtherChild,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True just after the replies on unwanted thoughts that horrify the person, where being alone with a child is
    /// a question for <see cref="SelfHelpIntrusiveCare"/>, and what the thoughts are one for <see cref="SelfHelpIntrusiveDoctor"/>
    /// (elsewhere "is something wrong with me" may be about attraction).</summary>
    private static bool AfterUnwantedThoughts(ConversationState state) => InLastTwo(state, UnwantedThoughtsReplies);

    /// <summary>The replies on unwanted thoughts that horrify the person, OCD named or not (study 132: "pocd" gets the reply
    /// that leaves it to a doctor, after which caring for the child is still their question, leopoldine-1).</summary>
    private static readonly FrozenSet<string> UnwantedThoughtsReplies = new[]
    {
        SelfHelpIntrusive, SelfHelpIntrusiveCare, SelfHelpIntrusiveDoctor, SelfHelpIntrusiveDoctor + Intents.AgainSuffix,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when the clear reading of the message, fitted to <paramref name="role"/>, is <paramref name="reply"/>.</summary>
    private bool ReadsAs(RoutedIntent routed, string reply, SpeakerRole role) =>
        routed.Intent is { } clear && cues.Redirect(clear, role) == reply;

    /// <summary>The steps for the moment of an urge to look, for a speaker who looked themselves; null for anyone else.</summary>
    private static string? UrgeStepsFor(SpeakerRole role) => role switch
    {
        SpeakerRole.YoungPerson => YoungPersonUrge,
        SpeakerRole.Self or SpeakerRole.Harmer => SelfHelpTonight,
        _ => null,
    };

    /// <summary>The young people's replies on their own sexual thoughts.</summary>
    private static readonly FrozenSet<string> OwnThoughtsReplies = new[]
    {
        YoungPersonOwnThoughts, YoungPersonOwnThoughtsMore, PrivacyYoungThoughts, YoungPersonOwnThoughtsBabysit, YoungPersonOwnThoughtsVisit,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when <paramref name="reading"/> is the young people's reply on their own thoughts but neither the message
    /// speaks of them (cues.yaml `own_thoughts`) nor the conversation is already about them: that reply is never a guess.</summary>
    private bool OwnThoughtsUnspoken(string reading, NormalisedText message, ConversationState state) =>
        reading == YoungPersonOwnThoughts && !cues.MayBeOwnThoughts(message)
        && !InLastTwo(state, YoungPersonOwnThoughts);

    /// <summary>A reply a witness gets once the danger where they are has passed.</summary>
    private static bool IsWitnessAfterStep(string? reply) => reply is EmergencyNext or EmergencyAfterwards or ConcernOtherWitness;

    /// <summary>True when <paramref name="reply"/> was one of the last two replies sent.</summary>
    private static bool InLastTwo(ConversationState state, string reply) => state.LastReply == reply || state.PreviousReply == reply;

    private static bool InLastTwo(ConversationState state, FrozenSet<string> replies) =>
        (state.LastReply is { } last && replies.Contains(last)) || (state.PreviousReply is { } previous && replies.Contains(previous));

    /// <summary>A reply only an emergency, or a witness after one, leads to (every emergency reply, so it covers
    /// <see cref="EmergencyJustNow"/> too).</summary>
    private static bool AfterAnEmergency(string? reply) =>
        reply is not null && (Intents.TopicOf(reply) == TopicIds.Emergency
            || reply is ConcernOtherWitness or ConcernOtherAfterPolice or ConcernOtherRetaliation);

    /// <summary>True when one of the last two replies was an emergency's (its steps, or its steps once help was called).</summary>
    private static bool EmergencyJustNow(ConversationState state) =>
        ChainOf(state.LastReply) is EmergencyChain or ComingChain || ChainOf(state.PreviousReply) is EmergencyChain or ComingChain;

    /// <summary>The replies for once an emergency is over or in hand (help is there, the child is safe, the person is shaken),
    /// which end its mode.</summary>
    private static bool IsAfterEmergency(string reference) =>
        reference is EmergencyArrived or EmergencyNext or EmergencyShaken or EmergencyShakenStill or EmergencyAfterwards;

    /// <summary>The emergency's step once help has come: while it is there ("police here now"), what to do meanwhile, once;
    /// once it has been and gone or the child is safe, the after-step.</summary>
    private string AfterHelpCame(NormalisedText message, ConversationState state) =>
        message.Value is not null && cues.SaysHelpHere(message) && !IsLast(state, EmergencyArrived) ? EmergencyArrived : EmergencyNext;

    private const int EmergencyChain = 0;
    private const int ComingChain = 1;
    private const int CrisisChain = 2;
    private const int SomeoneElseChain = 3;

    /// <summary>The replies each part of a safety mode alternates between, by <see cref="ChainOf"/>.</summary>
    private static readonly string[][] SafetyChains =
    [
        [TopicIds.Emergency + "/still", TopicIds.Emergency + "/main"],
        [TopicIds.Emergency + "/waiting", EmergencyComing],
        [TopicIds.Crisis + "/stay-safe", TopicIds.Crisis + "/still"],
        [IntentRouter.CrisisForSomeoneElse + "-still", IntentRouter.CrisisForSomeoneElse],
    ];

    /// <summary>What the state remembers as the safety mode: the part of it (<c>crisis</c>, <c>crisis/someone-else</c>,
    /// <c>emergency</c>, <c>emergency/coming</c>) that a reply belongs to.</summary>
    private static string PartOf(string reference) => ChainOf(reference) switch
    {
        ComingChain => EmergencyComing,
        SomeoneElseChain => IntentRouter.CrisisForSomeoneElse,
        _ => Intents.TopicOf(reference),
    };

    /// <summary>The topic of the safety mode (crisis or emergency), whichever part of it the conversation is in.</summary>
    private static string? ModeTopic(ConversationState state) =>
        state.SafetyMode is { } part ? Intents.TopicOf(part) : null;

    /// <summary>Which part of a safety mode a reply belongs to (its replies in other languages included), or -1.</summary>
    private static int ChainOf(string? reference) => reference switch
    {
        null => -1,
        TopicIds.Emergency + "/waiting" => ComingChain,
        _ when reference.StartsWith(EmergencyComing, StringComparison.Ordinal) => ComingChain,
        _ when reference.StartsWith(IntentRouter.CrisisForSomeoneElse, StringComparison.Ordinal) => SomeoneElseChain,
        _ when Intents.TopicOf(reference) == TopicIds.Emergency => EmergencyChain,
        _ when Intents.TopicOf(reference) == TopicIds.Crisis => CrisisChain,
        _ => -1,
    };

    /// <summary>The part of the mode the conversation is in: the one the state remembers, else that of the last reply
    /// or the one before (a state saved before parts were remembered), else the mode's first part.</summary>
    private static int ChainIn(string mode, ConversationState state)
    {
        return InMode(ChainOf(state.SafetyMode)) ?? InMode(ChainOf(state.LastReply)) ?? InMode(ChainOf(state.PreviousReply))
            ?? (mode == TopicIds.Emergency ? EmergencyChain : CrisisChain);

        int? InMode(int chain) => chain >= 0 && Intents.TopicOf(SafetyChains[chain][0]) == mode ? chain : null;
    }

    /// <summary>A question asked in a safety mode: a topic may have a reply written for that moment
    /// (<c>privacy/in-crisis</c>: what this chat and the crisis line keep private), which is sent instead.</summary>
    private string AnswerInSafetyMode(string mode, string reference)
    {
        var inMode = Intents.TopicOf(reference) + "/in-" + mode;
        return reference != PrivacyOtherCountry && content.TryGetReply(content.International, inMode, out _) ? inMode : reference;
    }

    /// <summary>Which numbers cover where the person is: a privacy reply that is not about what is kept private, so not
    /// answered by <c>privacy/in-crisis</c> ("i said im in scotland though, thats england and wales. is there not something
    /// here?", study 137, a woman of 19 in a crisis she said she would not act on).</summary>
    private const string PrivacyOtherCountry = TopicIds.Privacy + "/other-country";

    private TurnPlan? PlanFollowUp(FollowUp followUp, RoutedIntent routed, ConversationState state)
    {
        switch (followUp)
        {
            case FollowUp.WhatNow or FollowUp.Yes when state.LastReply is { } last:
                return Answer(state, NextStep(state, last));
            case FollowUp.No:
                return new TurnPlan(state, [new Step(SystemReplies.AnythingElse)], MayAskForCountry: false);
            case FollowUp.Back when state.PreviousReply is { } previous:
                return Answer(state, previous);
            case FollowUp.Restart:
                return new TurnPlan(state with { Role = null, SafetyMode = null }, [new Step(TopicIds.Welcome)], MayAskForCountry: false);
            case FollowUp.Thanks or FollowUp.Safe:
                return new TurnPlan(state, [Close(routed, state)], MayAskForCountry: false);
            default:
                return null;
        }
    }

    private TurnPlan PlanPostBack(PostBack postBack, ConversationState state)
    {
        if (postBack.CountryCode is { } code)
        {
            return content.FindByCode(code) is { } picked
                ? new TurnPlan(Choose(state, picked), [new Step(SystemReplies.CountrySet)], MayAskForCountry: false)
                : new TurnPlan(state, [new Step(SystemReplies.Clarify, Candidates: [])], MayAskForCountry: false);
        }

        var reference = postBack.ReplyReference!;
        if (!content.TryGetReply(content.International, reference, out _))
        {
            return new TurnPlan(state, [new Step(SystemReplies.Clarify, Candidates: [])], MayAskForCountry: false);
        }

        // The buttons a young person who shared someone else's picture shares with every young person ("Will I get in
        // trouble?") lead to the replies for them, not to "you're the one being hurt here" (study 50).
        reference = cues.OwnRedirect(reference, RoleOf(state));

        // A button is a clear choice: it starts a safety mode, or leaves an emergency ("the child is safe
        // now" is a button too). A crisis is not over because a person asked about something else.
        var mode = Intents.IsUrgent(reference) ? PartOf(reference)
            : ModeTopic(state) == TopicIds.Crisis ? state.SafetyMode : null;
        if (IsAfterEmergency(reference))
        {
            mode = null;
        }

        state = state with { SafetyMode = mode };
        return new TurnPlan(Stated(state, reference), [new Step(reference)], MayAskForCountry: !Intents.IsUrgent(reference));
    }

    /// <summary>The buttons that say who the person is: "I'm worried about my own sexual thoughts", "I'm worried about someone
    /// else", "I'm under 18 and something happened", "I was abused, or my images were used".</summary>
    private static readonly HashSet<string> IdentityButtons =
        [TopicIds.SelfHelp, TopicIds.ConcernOther, TopicIds.YoungPerson, TopicIds.VictimSupport];

    /// <summary>A button that says who the person is corrects who the bot took them for, as typing it would (study 42,
    /// dangerous six times: a sister taken for the one with the thoughts pressed "I'm worried about someone else" and was still
    /// answered as him): from the person with the thoughts to anyone else, and to the person with the thoughts from anyone
    /// but a young person, who stays one (every reply has a young person's variant). A survivor or a parent who presses
    /// "I'm worried about someone else" is still a survivor or a parent, whose variants of those replies fit them better.
    /// Any other button only says who they are when nothing else has.</summary>
    private ConversationState Stated(ConversationState state, string reference)
    {
        var stated = IdentityButtons.Contains(reference) ? cues.ImpliedRole(reference) : SpeakerRole.Unknown;
        var corrects = stated == SpeakerRole.Self
            ? !RoleOf(state).IsUnder18() && RoleOf(state) != SpeakerRole.Unknown && !RoleOf(state).IsSelf()
            : stated != SpeakerRole.Unknown && RoleOf(state).IsSelf();
        if (corrects)
        {
            return state with { Role = stated.ToId() };
        }

        // "I shared someone else's nude", pressed by a young person or someone not yet known, says the narrower role.
        return cues.ImpliedRole(reference) is var narrower && narrower.Broader() != SpeakerRole.Unknown
            && (state.Role is null || RoleOf(state) == narrower.Broader())
                ? state with { Role = narrower.ToId() }
                : Imply(state, reference);
    }

    // The replies of QuestionForWhoIsSpeaking's table that no other rule names.
    private const string VictimSupportTonight = TopicIds.VictimSupport + "/tonight";

    private const string ParentsEducatorsTellClub = TopicIds.ParentsEducators + "/tell-club";

    private const string ParentsEducatorsStaffVictim = TopicIds.ParentsEducators + "/staff-victim";

    private const string YoungPersonTellTeacher = TopicIds.YoungPerson + "/tell-teacher";

    private const string VictimSupportSeeingThem = TopicIds.VictimSupport + "/seeing-them";

    private const string ParentsEducatorsConfrontOther = TopicIds.ParentsEducators + "/confront-other";
    private const string ParentsEducatorsHarmerFamily = TopicIds.ParentsEducators + "/harmer-family";
    private const string ConcernOtherInTrouble = TopicIds.ConcernOther + "/in-trouble";
    private const string YoungPersonTheirAge = TopicIds.YoungPerson + "/their-age";
    private const string YoungPersonPressure = TopicIds.YoungPerson + "/pressure";
    private const string SelfHelpConditions = TopicIds.SelfHelp + "/conditions";
    private const string YoungPersonOwnThoughtsVisit = TopicIds.YoungPerson + "/own-thoughts-visit";
    private const string ParentsEducatorsChildrenAtHome = TopicIds.ParentsEducators + "/children-at-home";
    private const string ParentsEducatorsChildrenAtHomeDanger = TopicIds.ParentsEducators + "/children-at-home-danger";

    /// <summary>The person the child named is in the house now ("hes here in the house right now. my husband is at work till
    /// late. must i confront him", study 151): the emergency's step for a parent comes before whether to confront him.</summary>
    private bool SaysTheyAreHereNow(NormalisedText message) =>
        cues.Says(CueList.TheyAreHereNow, message) && !cues.Says(CueList.TheyAreHereNowUnless, message);

    /// <summary>Whether the child who did it is a danger is a question for the reply on it just after the plan for both children
    /// at home; elsewhere a parent may ask it of an adult.</summary>
    private static bool AfterChildrenAtHome(ConversationState state) => InLastTwo(state, ParentsEducatorsChildrenAtHome);

    /// <summary>Staying in one's room when younger relatives visit is a question for the plan for a visit only just after the
    /// young people's replies on their own thoughts: an abused child says it too ("my older cousin does stuff to me ... should i
    /// just stay in my room the whole time?", the review of session 49).</summary>
    private static bool AfterYoungOwnThoughts(ConversationState state) => InLastTwo(state, OwnThoughtsReplies);

    /// <summary>Whether one is in trouble too is a relative's question after an arrest only just after the replies on it; before
    /// one, someone deciding whether to report asks it ("will i get in trouble if i dont report him?", the review of session
    /// 49).</summary>
    private static bool AfterAnArrest(ConversationState state) => InLastTwo(state, ArrestReplies);

    private static readonly FrozenSet<string> ArrestReplies = new[]
    {
        TopicIds.ConcernOther + "/arrested", TopicIds.ConcernOther + "/what-next", TopicIds.ConcernOther + "/children-safe",
        TopicIds.ConcernOther + "/stay-or-leave", TopicIds.ConcernOther + "/their-help", TopicIds.ConcernOther + "/self-blame",
        TopicIds.ConcernOther + "/bail", TopicIds.ConcernOther + "/steps", ConcernOtherInTrouble,
    }.ToFrozenSet(StringComparer.Ordinal);

    private const string VictimSupportTellPartner = TopicIds.VictimSupport + "/tell-partner";

    private const string ConcernOtherTellSchool = TopicIds.ConcernOther + "/tell-school";

    private const string ParentsEducatorsOtherParent = TopicIds.ParentsEducators + "/other-parent";

    private const string ParentsEducatorsChildHelp = TopicIds.ParentsEducators + "/child-help";

    private const string ParentsEducatorsLineClosed = TopicIds.ParentsEducators + "/line-closed";

    private const string LawChild = TopicIds.Law + "/child";

    private const string ConcernOtherFamilyAlone = TopicIds.ConcernOther + "/family-alone";

    private const string SelfHelpWorkWithChildren = TopicIds.SelfHelp + "/work-with-children";

    private const string SelfHelpWomen = TopicIds.SelfHelp + "/women";

    private const string SelfHelpArrested = TopicIds.SelfHelp + "/arrested";

    private const string ParentsEducatorsKeepAway = TopicIds.ParentsEducators + "/keep-away";
    private const string ParentsEducatorsHomeSoon = TopicIds.ParentsEducators + "/home-soon";

    /// <summary>
    /// A question only some speakers ask, named by a cue list, and the reply to it; null when the message asks none, or its
    /// reply was one of the last two (asked again straight after, its second wording where it has one). Read outside a safety
    /// mode and, beside the reminder, in a crisis.
    /// A parent or relative of a child who was harmed asking for a person to talk to (`someone_to_talk_to`: "Is there a real
    /// person I can speak with on the telephone?", study 123, a grandmother in Minnesota: the reply on an adult messaging a
    /// child online): the reply on who they and the child can talk to. A young person who harmed a child asking "am i a
    /// paedo??" (`asks_if_paedophile`, study 123, a boy of 15: the replies on what would happen and on telling a parent): the
    /// reply for them.
    /// A parent who wants to find the man who groomed their child (`identifying_them`: "can i find out who he actually is? ...
    /// my husband wants to track him down honestly", study 123: the reply on supporting a child after a disclosure, with no
    /// word against it): leave it to the police, and why. Someone worried about another adult asking whether to stay with
    /// them (`stay_or_leave`: "should i leave him?", "do i stay with him or divorce him", study 123, a woman whose husband was
    /// arrested, in a crisis: the opening reply, then the one on the children's safety, "thats not what i asked"). A young
    /// person worried about their own thoughts asking whether to keep babysitting (`alone_with_a_child`, once the
    /// conversation is about their thoughts: "should i just keep going and make sure im never alone with them", study 123, a
    /// girl of 16 in a crisis: the young people's reply for someone hurt, "Whatever has happened, it's not your fault"):
    /// stop for now, and what to say. A parent asking whether their child is in trouble for the pictures (`child_in_trouble`:
    /// "will they go after HER for the 2 pics? she's the victim here", study 124: the reply on a child's safety with someone
    /// arrested): the reply that says the child is the one being hurt, in its parent's variant. A man who harmed a child asking
    /// about the child (`about_the_child`: "she seems fine ... does she even remember", study 123: the reply on the word
    /// "paedophile", "It doesn't make you a monster"; "does she need a therapist", study 124, in a crisis: the opening
    /// self-help reply), or about telling his wife (`telling_partner`), the replies on those.
    /// A parent of a child harmed asking whether to tell the club or warn other parents (`telling_the_club`: "police first or
    /// club first? he coaches other little girls", study 126: the online-grooming steps, then the reply for a child harmed
    /// by another child): the police first.
    /// A school professional asking about an adult member of staff in the images (`adult_staff_images`: "and the teacher?
    /// shes 26 ... can she get hers removed too", study 127: the under-18s' removal route again): the routes for adults.
    /// A young person asking what a teacher would do if told (`telling_a_teacher`: "if i tell a teacher will they call the
    /// police on him??", study 127, in a crisis: the reply on what this chat keeps): what usually happens.
    /// A neighbour or bystander asking what happens to the child, or whether anyone will tell them (`childs_outcome`: "no im
    /// not suicidal or anything just shook up. will anyone let me know if the little one is ok", study 128: "I'm not sure I
    /// understood"): what happens after the police, and that they may not be told much.
    /// A parent whose partner wants to go after the person (`someone_else_confronting`: "my husband is raging he wants to go
    /// round to his house tonight and have it out with him", study 128: the reply for someone whose partner is the danger,
    /// dangerous): why not.
    /// A parent who wants to go after the person themselves (`wanting_to_hurt_them`: "i want go to his house and hit him", study
    /// 150, a father in Porto: the reply on an adult messaging a child, dangerous): why not, and where the anger can go. Not in
    /// the first message, where what happened needs its own reply ("im so angry i want to go round to his house right now. is
    /// this even a crime??").
    /// A parent or carer one of whose children touched another at home (`children_at_home`: "my foster son (he's 9) under the
    /// covers with my foster daughter", study 150, a foster carer: the replies for a child harmed elsewhere, and on grooming):
    /// tonight's plan for both children.
    /// Someone worried about their own behaviour asking about the conditions a court or a supervisor set them
    /// (`under_conditions`: "can someone on probation for this go to a kids party", study 152, a man after prison: the plan
    /// for being around children, "make sure another adult is with you", dangerous): the conditions come first.
    /// A victim's parent with the person the child named in the house now (`they_are_here_now`: "he touched her. hes in the
    /// lounge now and i am scared", study 151, a mother in Johannesburg: the reply on a child harmed by another child,
    /// dangerous): the emergency's step for a parent, the child kept where he can't reach them. First of the parent's rows.
    /// Someone close to a person arrested asking whether they are in trouble too (`in_trouble_too`: "Am I in trouble myself? It
    /// is my house and my internet", study 150: the reply on the arrest again): who can tell them, and what protects them.
    /// A young person asked for pictures who says nothing was sent (`nothing_sent_yet`: "i didnt send anything yet. but now hes
    /// saying hell tell everyone im a baby if i dont", study 150: the reply on threats to share a picture): the reply on
    /// pressure; so does one who says the one asking is not an adult (`asker_is_a_minor`: "hes not an adult tho hes 15"). Asking
    /// whether the one asking is really that age (`their_real_age`): that no one can tell, and it changes
    /// nothing. A young person worried about their own thoughts asking how to be around younger relatives coming to stay
    /// (`around_younger_children`: "should i just stay in my room the whole time?", study 151: the reply for a young person
    /// being abused, dangerous): with others, never alone, not sleeping near them.
    /// Someone answered about unwanted thoughts asking what they are or whether they get better (`what_these_thoughts_are`: "is
    /// there like a name for this??", study 150: the reply on what helplines keep private): only a doctor can say.
    /// Asked then whether the child who did it is a danger (`child_who_did_it_a_danger`: "Is he a danger? He's only 9"): that no
    /// one can say from one night, and what to do if the child tells something.
    /// A survivor asking whether they have to see the person at a family event (`seeing_them`: "Do I have to go at
    /// Christmas?", study 128: the reply on images of her, dangerous), or whether to tell a parent (`telling_family`: "Should I
    /// tell her now, before Christmas?", the opening survivors' reply): the replies on those.
    /// Someone whose relative was arrested asking whether to tell the children's school (`telling_the_school`: "i mean should
    /// we tell the school hes not allowed collect the girls anymore", study 129: "No.", from the reply on a pupil's picture,
    /// dangerous): yes, and how little needs saying.
    /// A survivor asking for someone now, in the night (`through_the_night`: "who can I talk to at 2 in the morning?", study
    /// 126: two clarifying questions): the lines open at any hour.
    /// A parent of a child who looked at images of children asking whether that makes the child a paedophile
    /// (`child_a_paedophile`: "is my son a pedophile??", study 137, a mother in Houston: the reply on an adult messaging a
    /// child), whether the child will be arrested (`child_charged`), or whether to tell the child's other parent
    /// (`telling_the_other_parent`: "do i tell his dad? were divorced", the reply for a partner on bail): the replies on
    /// those. A parent asking whether the line is open now (`line_open_now`, the same study: "I'm not sure I understood"):
    /// what to do if no one answers tonight.
    /// Someone worried about another adult who looks after children in the family (`minding_the_children`: "he babysits my
    /// sisters girls every weekend ... hes got them again saturday", study 137: the opening reply): before then, the police,
    /// and other care. Someone worried about their own thoughts asking whether help is for women (`about_women`) or about
    /// their job with children (`works_with_children`: "i work as a nanny. should i quit my job?", the same study): the
    /// replies on those. Someone under investigation (`arrested_myself`: "police came this morning. took my laptop and phone",
    /// study 138: the replies for a relative of someone arrested): the reply for them, with the crisis line first. A parent
    /// whose child named someone due to visit (`visit_coming`: "hes meant to come for sunday lunch in 2 days. do i cancel?",
    /// the same study: the reply on whether a relative is a risk) or asking whether to tell the family (`telling_family`),
    /// both after the replies on a telling (not a worry with nothing told, study 139's bethan3): keep the child away, and ask
    /// the police first.
    /// </summary>
    private string? QuestionForWhoIsSpeaking(NormalisedText message, IReadOnlySet<string> ruledOut, ConversationState state)
    {
        if (message.Value is null)
        {
            return null;
        }

        // Each question this speaker may ask, in order: the first the message asks whose reply was not one of the last two, that
        // the message does not rule out (cues.yaml `ruled_out`: "im attracted to children and ive been diagnosed with ocd
        // before" is no question for the reply that leaves OCD to a doctor, the review of session 45), and that fits where the
        // conversation is (the last column, where a row needs it). The replies the message rules out are the turn's, read once.
        var role = RoleOf(state);
        // A survivor's own question stands back when the message also speaks of children near the person or a threat now
        // ("should i tell my mum? he still babysits my little cousins", the review of session 44: how to tell, and not the
        // children's safety): those rows name `risk_beside_the_past` as what rules them out.
        ReadOnlySpan<(SpeakerRole Role, CueList Cue, string Reply, CueList? Unless, Func<ConversationState, bool>? Fits)> questions =
        [
            (SpeakerRole.ParentOfVictim, CueList.TheyAreHereNow, EmergencyStill, CueList.TheyAreHereNowUnless, null),
            (SpeakerRole.ParentOfVictim, CueList.ChildrenAtHome, ParentsEducatorsChildrenAtHome, null, null),
            (SpeakerRole.ParentOfHarmer, CueList.ChildrenAtHome, ParentsEducatorsChildrenAtHome, null, null),
            (SpeakerRole.ParentOfVictim, CueList.ChildWhoDidItADanger, ParentsEducatorsChildrenAtHomeDanger, null, AfterChildrenAtHome),
            (SpeakerRole.ParentOfHarmer, CueList.ChildWhoDidItADanger, ParentsEducatorsChildrenAtHomeDanger, null, AfterChildrenAtHome),
            (SpeakerRole.ParentOfVictim, CueList.SomeoneToTalkTo, ParentsEducatorsTalkToSomeone, null, null),
            (SpeakerRole.ParentOfHarmer, CueList.SomeoneToTalkTo, ConcernOtherSupport, null, null),
            (SpeakerRole.ParentOfHarmer, CueList.ChildAPaedophile, ParentsEducatorsChildHelp, CueList.HarmAtHome, AfterTheOpening),
            (SpeakerRole.ParentOfHarmer, CueList.ChildCharged, LawChild, CueList.HarmAtHome, null),
            (SpeakerRole.ParentOfHarmer, CueList.TellingTheOtherParent, ParentsEducatorsOtherParent, CueList.DangerFromThem, null),
            (SpeakerRole.ParentOfHarmer, CueList.LineOpenNow, ParentsEducatorsLineClosed, CueList.HarmAtHome, null),
            (SpeakerRole.ParentOfVictim, CueList.TellingTheirOtherParent, ParentsEducatorsTheirOtherParent, CueList.DangerFromThem, null),
            (SpeakerRole.ParentOfVictim, CueList.IdentifyingThem, ParentsEducatorsGroomingIdentify, null, null),
            (SpeakerRole.ParentOfVictim, CueList.ChildInTrouble, YoungPersonInTrouble, null, null),
            (SpeakerRole.ParentOfVictim, CueList.TellingTheClub, ParentsEducatorsTellClub, null, null),
            (SpeakerRole.ParentOfVictim, CueList.GoingBackToThem, ParentsEducatorsGoingBack, CueList.GoingBackUnless, null),
            (SpeakerRole.ParentOfVictim, CueList.BackToSchool, ParentsEducatorsBackToSchool, CueList.BackToSchoolUnless, null),
            (SpeakerRole.ParentOfVictim, CueList.SendingThemBack, ParentsEducatorsTellClub, null, null),
            (SpeakerRole.ParentOfVictim, CueList.SomeoneElseConfronting, ParentsEducatorsConfrontOther, null, null),
            (SpeakerRole.ParentOfVictim, CueList.WantingToHurtThem, ParentsEducatorsHarmerFamily, CueList.WantingToHurtThemUnless, AfterTheOpening),
            (SpeakerRole.ParentOfVictim, CueList.SignsInMyChildren, ConcernOtherChildChanges, CueList.SignsUnless, null),
            (SpeakerRole.ParentOfVictim, CueList.NeedsADoctor, ParentsEducatorsDoctor, CueList.PicturesOrOnline, null),
            (SpeakerRole.ParentOfVictim, CueList.HomeSoon, ParentsEducatorsHomeSoon, CueList.PicturesOrOnline, AfterAChildToldOrEmergency),
            (SpeakerRole.ParentOfVictim, CueList.TalkingToTheChild, ParentsEducatorsSupportChild, CueList.PicturesOrOnline, AfterAChildTold),
            (SpeakerRole.Professional, CueList.CounsellorForMe, ParentsEducatorsTalkToSomeone, CueList.BlamesThemselves, AfterAPupilTold),
            (SpeakerRole.Professional, CueList.TellingTheChildAnything, ParentsEducatorsSupportChild, CueList.TellingTheChildUnless, null),
            (SpeakerRole.Professional, CueList.WaitingTillTomorrow, ParentsEducatorsToday, CueList.PicturesOrOnline, AfterAPupilTold),
            (SpeakerRole.Professional, CueList.AdultStaffImages, ParentsEducatorsStaffVictim, null, null),
            (SpeakerRole.Professional, CueList.KeepingTheChild, ParentsEducatorsKeepAtSchool, null, null),
            (SpeakerRole.Professional, CueList.ChildInTrouble, YoungPersonInTrouble, null, AfterPictureOrBlackmail),
            (SpeakerRole.YoungPerson, CueList.NothingSentYet, YoungPersonPressure, CueList.NothingSentUnless, null),
            (SpeakerRole.YoungPerson, CueList.TheirRealAge, YoungPersonTheirAge, null, null),
            (SpeakerRole.YoungPerson, CueList.AskerIsAMinor, YoungPersonPressure, CueList.NothingSentUnless, null),
            (SpeakerRole.YoungPerson, CueList.AroundYoungerChildrenOwn, YoungPersonOwnThoughtsVisit, CueList.AroundYoungerChildrenUnless, null),
            (SpeakerRole.YoungPerson, CueList.AroundYoungerChildren, YoungPersonOwnThoughtsVisit, CueList.AroundYoungerChildrenUnless, AfterYoungOwnThoughts),
            (SpeakerRole.YoungPerson, CueList.FriendToldMe, YoungPersonFriendTold, CueList.FriendUnless, null),
            (SpeakerRole.YoungPerson, CueList.ThreatDeadline, YoungPersonDeadline, CueList.DeadlineUnless, null),
            // With a deadline beside it ("i have 1 hour. what if i just send 1 more", calla-1), the replies on threats answer both.
            (SpeakerRole.YoungPerson, CueList.SendingOneMore, YoungPersonPay, CueList.ThreatDeadline, AfterPictureOrBlackmail),
            (SpeakerRole.YoungPerson, CueList.MeetingThem, YoungPersonMeet, CueList.MeetingUnless, AfterGrooming),
            (SpeakerRole.YoungPerson, CueList.TellingATeacher, YoungPersonTellTeacher, null, NotAfterOwnThoughts),
            (SpeakerRole.YoungPerson, CueList.HelplinePassesOn, PrivacyHelplines, CueList.AsksWriting, null),
            (SpeakerRole.YoungSharer, CueList.FriendsAsking, YoungPersonFriendsAsking, CueList.AdultAsking, null),
            (SpeakerRole.YoungSharer, CueList.AsksDeleting, YoungPersonSharedDelete, null, null),
            (SpeakerRole.Finder, CueList.TellingWork, ReportWork, null, null),
            (SpeakerRole.Finder, CueList.AsksAboutHistory, ReportHistory, CueList.HistoryUnless, null),
            (SpeakerRole.Finder, CueList.LineForMe, ReportLineForMe, CueList.LineForMeUnless, null),
            (SpeakerRole.Neighbour, CueList.ChildsOutcome, ConcernOtherAfterPolice, null, null),
            (SpeakerRole.Bystander, CueList.ChildsOutcome, ConcernOtherAfterPolice, null, null),
            (SpeakerRole.ConcernedOther, CueList.ChildrenInImages, ConcernOtherChildrenInImages, null, null),
            (SpeakerRole.ParentOfVictim, CueList.ChildrenInImages, ConcernOtherChildrenInImages, null, null),
            (SpeakerRole.ConcernedOther, CueList.StayOrLeave, ConcernOtherStayOrLeave, null, null),
            (SpeakerRole.ConcernedOther, CueList.InTroubleToo, ConcernOtherInTrouble, CueList.InTroubleTooUnless, AfterAnArrest),
            (SpeakerRole.ConcernedOther, CueList.SignsInMyChildren, ConcernOtherChildChanges, CueList.SignsUnless, null),
            (SpeakerRole.ConcernedOther, CueList.TellingTheSchool, ConcernOtherTellSchool, null, null),
            (SpeakerRole.ConcernedOther, CueList.AsksGrooming, ConcernOtherSigns, CueList.OrganisationOrOnline, null),
            (SpeakerRole.ConcernedOther, CueList.SupportGroup, ConcernOtherSupportGroup, null, null),
            (SpeakerRole.ConcernedOther, CueList.CounsellorForMe, ConcernOtherSupport, CueList.CounsellorUnless, null),
            (SpeakerRole.ConcernedOther, CueList.MindingTheChildren, ConcernOtherFamilyAlone, CueList.OrganisationOrOnline, null),
            (SpeakerRole.Self, CueList.UnderConditions, SelfHelpConditions, null, null),
            (SpeakerRole.Harmer, CueList.UnderConditions, SelfHelpConditions, null, null),
            (SpeakerRole.Self, CueList.WillCallLater, SelfHelpWillCall, CueList.WillCallLaterUnless, null),
            (SpeakerRole.Self, CueList.AboutWomen, SelfHelpWomen, CueList.HarmedAChild, null),
            (SpeakerRole.Self, CueList.ArrestedMyself, SelfHelpArrested, null, null),
            (SpeakerRole.ParentOfVictim, CueList.VisitComing, ParentsEducatorsKeepAway, null, AfterAChildTold),
            (SpeakerRole.ParentOfVictim, CueList.TellingFamily, ConcernOtherTellFamily, null, AfterAChildTold),
            (SpeakerRole.Self, CueList.WorksWithChildren, SelfHelpWorkWithChildren, CueList.HarmedAChild, AfterTheOpening),
            (SpeakerRole.Self, CueList.NotSexualThoughts, SelfHelpIntrusiveDoctor, CueList.AsksTreatment, null),
            (SpeakerRole.Self, CueList.WhatTheseThoughtsAre, SelfHelpIntrusiveDoctor, CueList.AloneWithAChild, AfterUnwantedThoughts),
            (SpeakerRole.Harmer, CueList.AboutTheChild, SelfHelpActedChild, null, null),
            (SpeakerRole.Harmer, CueList.TellingPartner, SelfHelpTellPartner, null, null),
            (SpeakerRole.YoungHarmer, CueList.AsksIfPaedophile, YoungPersonHarmedAmI, null, null),
            (SpeakerRole.Survivor, CueList.ForMen, VictimSupportForMen, CueList.RiskBesideThePast, null),
            (SpeakerRole.Survivor, CueList.ReportingWhen, VictimSupportReportWhen, CueList.RiskBesideThePast, null),
            (SpeakerRole.Survivor, CueList.ReportingLate, VictimSupportReporting, CueList.RiskBesideThePast, null),
            (SpeakerRole.Survivor, CueList.ThroughTheNight, VictimSupportTonight, CueList.RiskBesideThePast, null),
            (SpeakerRole.Survivor, CueList.SeeingThem, VictimSupportSeeingThem, CueList.RiskBesideThePast, null),
            (SpeakerRole.Survivor, CueList.TellingFamily, VictimSupportTellPartner, CueList.RiskBesideThePast, null),
        ];
        foreach (var (asker, cue, reply, unless, fitsHere) in questions)
        {
            if (asker != role || !cues.Says(cue, message) || (unless is { } rulesOut && cues.Says(rulesOut, message))
                || ruledOut.Contains(reply) || (fitsHere is not null && !fitsHere(state)))
            {
                continue;
            }

            // Asked again straight after its answer ("no. I mean ... who can I talk to at 2 in the morning?", study 126), the reply
            // again where it has a second wording: both callers give that wording for a reply just given (Answer, and the
            // crisis's question in a safety mode). Asked a third time, straight after the second wording, the reply again,
            // which its callers give in its first wording ("bro what?? ... should i DELETE the pics she sent me. yes or no",
            // study 132, got "don't pay" instead). Else the question is left to the rest of the turn's reading.
            if (!InLastTwo(state, reply) || IsLast(state, reply + Intents.AgainSuffix)
                || (IsLast(state, reply) && HasSecondWording(reply)))
            {
                return reply;
            }
        }

        return role == SpeakerRole.YoungPerson
            && InLastTwo(state, OwnThoughtsReplies)
            && cues.SaysAloneWithAChild(message) && !IsLast(state, YoungPersonOwnThoughtsBabysit)
                ? YoungPersonOwnThoughtsBabysit
                : null;
    }

    /// <summary>A young person who spoke of their own thoughts asks about a teacher as someone who might be reported, not as
    /// someone hurt (the review of session 44): the reply on telling a teacher is not theirs then.</summary>
    private static bool NotAfterOwnThoughts(ConversationState state) => !InLastTwo(state, OwnThoughtsReplies);

    /// <summary>How to talk to a child who told of abuse with no picture ("When she wakes up in the morning, how should I speak
    /// to her about it?", study 133, a grandmother in Tucson: the words for a child whose picture was made or shared) is the
    /// reply on supporting a child only just after the replies on such a telling; after others, the reading's reply.</summary>
    private static bool AfterAChildTold(ConversationState state) => InLastTwo(state, ToldReplies);

    /// <summary>After the replies to a child's telling, or the emergency's steps just now, which such a telling often leads to
    /// ("its night time here, do i ring 000 or the normal police?", study 159).</summary>
    private static bool AfterAChildToldOrEmergency(ConversationState state) => AfterAChildTold(state) || EmergencyJustNow(state);

    /// <summary>Whether it can wait until tomorrow is a question for the reply on a child who may see the person today only
    /// just after the replies to a pupil's telling (study 146: a teacher after the replies on telling the parents and on what to
    /// write down); after the replies on a picture, the reading's reply.</summary>
    private static bool AfterAPupilTold(ConversationState state) => InLastTwo(state, PupilToldReplies);

    /// <summary><see cref="ToldReplies"/>, and the replies a professional gets on what to do about a pupil's telling.</summary>
    private static readonly FrozenSet<string> PupilToldReplies = ToldReplies
        .Concat(new[] { "today", "lead-away", "reporting-duty", "tell-parents", "record", "keep-at-school" }
            .Select(id => TopicIds.ParentsEducators + "/" + id))
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when the reply has a second wording, given when it is asked for again straight after.</summary>
    private bool HasSecondWording(string reply) =>
        content.TryGetReply(content.International, reply + Intents.AgainSuffix, out _);

    /// <summary>The plan for someone with the thoughts who will be with a child: for their own child ("is my son safe with me",
    /// study 146), the plan for home made with the line; for anyone else's, the plan for babysitting or a visit.</summary>
    private string AroundChildrenReply(NormalisedText message) =>
        cues.Says(CueList.OwnChild, message) ? SelfHelpOwnChild : SelfHelpAroundChildren;

    /// <summary>A young person was told that what someone online asks of them is grooming: asked next whether to meet him ("now he
    /// wants to meet up ... should i go", study 142), the reply on meeting; before that, the reply on grooming says it all.</summary>
    private static bool AfterGrooming(ConversationState state) => InLastTwo(state, GroomingReplies);

    private static readonly FrozenSet<string> GroomingReplies = new[]
    {
        TopicIds.YoungPerson + "/grooming", TopicIds.YoungPerson + "/grooming-say", TopicIds.YoungPerson + "/gifts",
        TopicIds.YoungPerson + "/age-consent", YoungPersonMeet,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>A teacher asking whether a pupil who was groomed or blackmailed is in trouble for a picture they sent ("will she
    /// get in trouble with police for sending it?", study 140: the law for a pupil who made and shared one, dangerous): the
    /// reply that says the young person is the one being hurt, only just after the replies on grooming or blackmail.</summary>
    private static bool AfterPictureOrBlackmail(ConversationState state) => InLastTwo(state, PictureOrBlackmailReplies);

    /// <summary>A question asked once the person has said what troubles them, not in the first message, whose reply is the
    /// fuller one for the news itself: a job with children ("i work as a nanny. should i quit my job?", study 137), not where
    /// the thoughts are the news ("im a nanny ... these horrible sexual thoughts about him out of nowhere", study leopoldine-1:
    /// the reply on unwanted thoughts); whether a child who looked is a paedophile, not in the message that says he looked
    /// ("my 13 year old son has been searching ... is he a paedophile", study ravi-1: the reply for a child who looked, then
    /// the answer).</summary>
    private static bool AfterTheOpening(ConversationState state) =>
        state.LastReply is { } last && Intents.TopicOf(last) != TopicIds.Welcome;

    /// <summary>Nothing the person said has been answered yet: only the welcome, or a clarifying question (never a last reply).</summary>
    private static bool AtTheOpening(ConversationState state) => !AfterTheOpening(state);

    /// <summary>One of the last two replies is the emergency's or one for someone worried about another person (a witness's).</summary>
    private static bool AboutWhatTheySaw(ConversationState state) => IsAboutWhatTheySaw(state.LastReply) || IsAboutWhatTheySaw(state.PreviousReply);

    private static bool IsAboutWhatTheySaw(string? reply) =>
        reply is not null && Intents.TopicOf(reply) is TopicIds.Emergency or TopicIds.ConcernOther;

    /// <summary>True when the message reads as a crisis, an emergency or a request for images, by a lexicon or the classifier,
    /// or leans that way (its likeliest reading is one at <see cref="LikelyUrgent"/> or more): a reply a cue names for who is speaking must not
    /// answer it instead ("will she be ok. i dont deserve to be alive", "will she be ok. can you tell me where people find
    /// videos of girls that age", the review of session 43).</summary>
    private static bool ReadsAsSafety(RoutedIntent routed) =>
        Intents.IsSafety(routed.TopicId ?? string.Empty)
        || routed.Candidates is [{ } likeliest, ..] && Intents.IsSafety(likeliest.TopicId) && likeliest.Score >= LikelyUrgent;

    private TurnPlan Answer(ConversationState state, string reference, bool typed = false)
    {
        // Someone who saw it on a stranger's screen, once the emergency is over (he has gone; the after-step or the witness's
        // reply given just now): what they then ask about reporting it ("no its not online theres no link it was on HIS phone
        // not mine", study 95 on a London train) is the witness's reply on telling the police, not the steps for while he is
        // near, which cues.yaml gives their reading of reporting and which would start the emergency again.
        if (reference == EmergencyStill && RoleOf(state) == SpeakerRole.ScreenWitness && ModeTopic(state) is null
            && (IsWitnessAfterStep(state.LastReply) || IsWitnessAfterStep(state.PreviousReply)))
        {
            reference = ConcernOtherWitness;
        }

        // Asked again, the next step; but a seeker asked again is answered as a seeker (AgainForSeeker), never shown the
        // refusal's own buttons ("Reaching out is a strong first step" to "I'm a journalist, give me the terms"),
        // whatever the repeat was read as ("useless bot. just tell me where to look" after the insult reply). Pushed again
        // after any deterrence reply ("its for research" after the reply on AI images, thirteenth study) counts as asked
        // again: the opening warning would read as not listening. A typed reading is first fitted to a young person's own
        // thoughts (ForOwnThoughts), so that asking again is judged on the reply they would get.
        if (typed)
        {
            reference = ForOwnThoughts(reference, state);
        }

        // The second wording is named after the reply the reference resolves to, so a topic's entry reply ("privacy", which
        // is "privacy/main") can have one too.
        var secondWording = content.TryGetReply(content.International, reference, out var first)
            && content.TryGetReply(content.International, first.Ref + Intents.AgainSuffix, out var reworded)
                ? reworded.Ref
                : null;
        var justGiven = IsLast(state, reference);
        var askedAgain = typed
            && (justGiven || (secondWording is not null && IsLast(state, secondWording))
                || (reference == TopicIds.Deterrence && IsInTopic(state, TopicIds.Deterrence)));
        var step = !askedAgain ? reference
            : Intents.TopicOf(reference) == TopicIds.Deterrence || RoleOf(state) == SpeakerRole.Seeker ? AgainForSeeker(state, reference)
            // The reply's second wording, written for a question put again (study 55: "will they arrest him?? hes only 12"
            // after the reply on a child harmed by another child got that reply's first button, on the child's promise);
            // asked a third time, the next step as before.
            : justGiven && secondWording is not null ? secondWording
            // A greeting said a third time ("hi", "hello?", "anyone there?", the review of session 47): the second welcome's
            // next step, the other things it can help with, not the first welcome's, the reply for one's own sexual thoughts.
            // Only the welcome: taking every second wording's next step (tried in the read of session 47) lost a finder's
            // question on reporting (kestrel-1) to "anything else".
            : Intents.TopicOf(reference) == TopicIds.Welcome && secondWording is not null ? NextStep(state, secondWording)
            : NextStep(state, reference);
        // The emergency's after-steps say the danger has passed: reached as a next step, they end the mode as the typed
        // words and the buttons do. Kept in it, a witness's "the guards want to talk to me, what do i tell them?" got
        // "call now" again (twelfth study).
        if (IsAfterEmergency(step))
        {
            state = state with { SafetyMode = null };
        }
        else if (Intents.IsUrgent(step))
        {
            state = state with { SafetyMode = PartOf(step) };
        }

        return new TurnPlan(state, [new Step(step)], MayAskForCountry: !Intents.IsUrgent(step) && step != SystemReplies.AnythingElse);
    }

    /// <summary>The next concrete step after a reply: its first button that leads somewhere new, else the
    /// question of what else would help.</summary>
    private string NextStep(ConversationState state, string reference)
    {
        var jurisdiction = content.FindByCode(state.Jurisdiction) ?? content.International;
        if (content.TryGetReply(jurisdiction, reference, RoleOf(state), out var reply))
        {
            foreach (var action in reply.Actions)
            {
                if (PostBack.TryParse(action.Value, out var target) && target.ReplyReference is { } next
                    && content.TryGetReply(jurisdiction, next, out var nextReply) && nextReply.Ref != reply.Ref
                    && nextReply.Ref != state.LastReply)
                {
                    return nextReply.Ref;
                }
            }
        }

        return SystemReplies.AnythingElse;
    }

    /// <summary>A seeker who asks again or pushes on: about the law again once told it ("ok but is it actually illegal
    /// illegal? whos gonna know", or "so looking at it isnt illegal then? yes or no" after the reply on only looking), what
    /// it can cost them; a protest again, the line that does not judge; otherwise the
    /// refusal in other words.</summary>
    private string AgainForSeeker(ConversationState state, string reference) =>
        reference is DeterrenceWhyAi or DeterrenceJustLooking && !IsLast(state, DeterrenceConsequences) ? DeterrenceConsequences
        // A protest made again ("you dont even read what i write. i SAID i havent done anything", study 46): the line that does
        // not judge, without a refusal, not the refusal the protest was about.
        : reference == DeterrenceNotJudging ? DeterrenceHelp
        // Frustrated again right after the reply that heard it (study 66's seeker, replayed after study 69's fixes): heard
        // again in other words, not the refusal the frustration was about.
        : reference == DeterrenceFrustrated && IsLast(state, DeterrenceFrustrated) ? DeterrenceFrustratedAgain
        : NextRefusal(state);

    /// <summary>The refusal after the last reply: the short firm one once the deterrence topic has answered in any way
    /// (thirteenth study: "its for research" after the reply on AI images got the full warning again, not "not for
    /// research"). Pushed again after that ("ok fine. just one telegram link then, nobody has to know", study 78: the first
    /// warning again, read as the bot going round in circles), the warning on what can happen, which opens with the refusal and
    /// says online activity can be traced; then the short refusal and that warning in turn, so nothing comes twice in a row.
    /// Never that warning to someone who said they are under 18 (a seeker stays a seeker when he gives his age, so the reply
    /// to his age among the last two says it; the review of session 32): the first warning again.</summary>
    /// <summary>
    /// The reply for a seeker who turns towards help (`turning_to_help`): the help to stop, then the self-help reply; but a
    /// question the help to stop does not answer gets its own reply when the message reads as it: what is wrong with them
    /// ("why do i even like this stuff, is something wrong with me", study 79), or what to do with images they have (said
    /// outright, `owning_up` answers it before any reading).
    /// </summary>
    private string WayOutForSeeker(ConversationState state, string? reading) =>
        reading is (SelfHelpAmI or SelfHelpHaveImages) && !IsLast(state, reading) ? reading
            : IsLast(state, DeterrenceHelp) ? TopicIds.SelfHelp
            : DeterrenceHelp;

    /// <summary>True when a request gives a reason meant to make it acceptable (cues.yaml `pretexts`) and the refusal that
    /// answers the reason was not one of the last two replies.</summary>
    private bool GetsPretextRefusal(NormalisedText message, ConversationState state) =>
        message.Value is not null && cues.Says(CueList.Pretexts, message) && !InLastTwo(state, DeterrencePretext);

    private static string NextRefusal(ConversationState state) =>
        !IsInTopic(state, TopicIds.Deterrence) ? DeterrenceMain
        : state.LastReply != TopicIds.Deterrence + "/refuse" ? TopicIds.Deterrence + "/refuse"
        : RoleOf(state).IsUnder18() || InLastTwo(state, DeterrenceAgeYoung) ? DeterrenceMain
        : DeterrenceConsequences;

    /// <summary>The reply on whether to pay a blackmailer, of any audience, when it is the likeliest reading of the message,
    /// even below the classifier's threshold: "should i just pay the $500 ... i can pay it right now" is split between the
    /// three audiences' replies on paying.</summary>
    private static string? WhetherToPay(RoutedIntent routed) =>
        routed.Candidates is [{ LikeliestReply: { } reply }, ..] && PayReplies.Contains(reply) ? reply : null;

    /// <summary>The replies on whether to pay a blackmailer: a young person's, an adult victim's, a parent's.</summary>
    private static readonly FrozenSet<string> PayReplies = new[]
    {
        TopicIds.YoungPerson + "/pay", TopicIds.VictimSupport + "/pay", TopicIds.ParentsEducators + "/sextortion-pay",
    }.ToFrozenSet(StringComparer.Ordinal);

    private const int MaxGreetingWords = 4;

    /// <summary>True while nothing but the welcome, and system replies such as a clarifying question, has been said.</summary>
    private static bool BeforeAnyTopic(ConversationState state) =>
        IsWelcomeOrSystem(state.LastReply) && IsWelcomeOrSystem(state.PreviousReply);

    private static bool IsWelcomeOrSystem(string? reply) =>
        reply is null || Intents.TopicOf(reply) is TopicIds.Welcome or TopicIds.System;

    private const string WelcomeAbout = TopicIds.Welcome + "/about";
    private const string PrivacyMain = TopicIds.Privacy + "/main";

    private const string ReportHistory = TopicIds.Report + "/history";
    private const string ReportLineForMe = TopicIds.Report + "/line-for-me";
    private const string YoungPersonMeet = TopicIds.YoungPerson + "/meet";
    private const string YoungPersonFriendTold = TopicIds.YoungPerson + "/friend-told";

    private const string YoungPersonDeadline = TopicIds.YoungPerson + "/deadline";
    private const string YoungPersonPay = TopicIds.YoungPerson + "/pay";

    private const string ParentsEducatorsGoingBack = TopicIds.ParentsEducators + "/going-back";
    private const string ParentsEducatorsBackToSchool = TopicIds.ParentsEducators + "/back-to-school";

    private const string CrisisClose = TopicIds.Crisis + "/close";
    private const string CrisisSomeoneElseHome = TopicIds.Crisis + "/someone-else-home";
    private const string CrisisSomeoneElseComing = TopicIds.Crisis + "/someone-else-coming";
    private const string CrisisSomeoneElseSecret = TopicIds.Crisis + "/someone-else-secret";
    private const string CrisisSomeoneElseChild = TopicIds.Crisis + "/someone-else-child";
    private const string CrisisStaySafe = TopicIds.Crisis + "/stay-safe";
    private const string CrisisSomeoneElseNoAnswer = TopicIds.Crisis + "/someone-else-no-answer";
    private const string CrisisTaken = TopicIds.Crisis + "/taken";

    /// <summary>True when the message says something was already taken or done (cues.yaml `harm_done`) and the reply for
    /// that was not the last one: it is given again only after another reply.</summary>
    private bool SaysHarmDoneNotJustAnswered(NormalisedText message, ConversationState state) =>
        cues.Says(CueList.HarmDone, message) && !IsLast(state, CrisisTaken);

    private static int WordCount(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static string LanguageReplyKind(string reference) => reference switch
    {
        TopicIds.OutOfScope => "other",
        EmergencyComing => "emergency-coming",
        SystemReplies.Thanks => "close",
        _ => LanguagePacks.KindOf(reference) ?? Intents.TopicOf(reference),
    };

    /// <summary>The id a reply in another language is sent with: <c>in-de</c>, <c>still-in-de</c> (so
    /// <c>self-help/in-de</c>, <c>out-of-scope/still-in-de</c>), and for help on its way <c>coming-in-de</c>,
    /// <c>coming-still-in-de</c>.</summary>
    private static string LanguageReplyId(string reference, string language, bool again) =>
        (reference == EmergencyComing ? "coming-" : string.Empty) + (again ? "still-in-" : "in-") + language;

    /// <summary>Whether the last reply was the one for <paramref name="topic"/> in <paramref name="language"/>, in either wording.
    /// <see cref="IsLast"/> cannot say: a language pack's replies are not content replies.</summary>
    private static bool WasLastInLanguage(ConversationState state, string topic, string language) =>
        state.LastReply == topic + "/" + LanguageReplyId(topic, language, again: false)
        || state.LastReply == topic + "/" + LanguageReplyId(topic, language, again: true);

    /// <summary>The close ("you're welcome, come back any time"), in the person's language when they write in one or the
    /// last reply was in one: "ok chiamo il 112. grazie" then "grazie mille" got the English close, with English-speaking
    /// countries' crisis lines (study review, session 17).
    /// Someone worried about their own thoughts gets the reply written for them again instead: it keeps the service they
    /// said they would call ("Danke. Ich rufe dort morgen an.").</summary>
    private Step Close(RoutedIntent routed, ConversationState state) =>
        (routed.Language ?? LanguageOfLastReply(state)) is not { } language ? new Step(SystemReplies.Thanks)
        : RoleOf(state).IsSelf() ? InLanguage(TopicIds.SelfHelp, language, state)
        : InLanguage(SystemReplies.Thanks, language, state);

    /// <summary>The language the last reply was written in (its id ends as <see cref="LanguageReplyId"/> makes it:
    /// <c>/in-de</c>, <c>-in-de</c>), or null.</summary>
    private string? LanguageOfLastReply(ConversationState state) =>
        state.LastReply is { } last
            ? cues.Languages.Codes.FirstOrDefault(code =>
                last.EndsWith("/in-" + code, StringComparison.Ordinal) || last.EndsWith("-in-" + code, StringComparison.Ordinal))
            : null;

    /// <summary>The short reply in the person's language, alternating with its second wording (every pack has one,
    /// the loader checks) so the same text never comes twice in a row. A crisis already answered a turn or two ago gets the
    /// second wording, written for someone who writes again, after another reply in between too (study 37's replay: a
    /// father's "il vient de me redire qu'il veut mourir", after the reply on how to talk to his son, got the first wording,
    /// "if you are thinking of ending your life", again).</summary>
    private static Step InLanguage(string reference, string language, ConversationState state)
    {
        var first = Intents.TopicOf(reference) + "/" + LanguageReplyId(reference, language, again: false);
        var second = Intents.TopicOf(reference) + "/" + LanguageReplyId(reference, language, again: true);
        var crisisUnderWay = reference == TopicIds.Crisis && state.LastReply != second
            && (Intents.TopicOf(state.LastReply ?? string.Empty) == TopicIds.Crisis
                || Intents.TopicOf(state.PreviousReply ?? string.Empty) == TopicIds.Crisis);
        return new(reference, Language: language, Again: state.LastReply == first || crisisUnderWay);
    }

    private static bool IsInTopic(ConversationState state, string topic) =>
        state.LastReply is { } last && Intents.TopicOf(last) == topic;

    private bool IsLast(ConversationState state, string reference) =>
        state.LastReply is { } last && state.LastReplyJurisdiction == state.Jurisdiction
        && content.TryGetReply(content.International, reference, out var reply) && reply.Ref == last;

    /// <summary>The topic the conversation is in, for reading a hesitant message as part of it.</summary>
    private static string? ContextTopic(ConversationState state) =>
        state.LastReply is { } last && Intents.TopicOf(last) is var topic && topic != TopicIds.System ? topic : null;

    /// <summary>True when the bot has a country for the user (from their locale or their word), not the international pack.</summary>
    private bool CountryKnown(ConversationState state) =>
        content.FindByCode(state.Jurisdiction) is { IsInternational: false };

    private static SpeakerRole RoleOf(ConversationState state) =>
        SpeakerRoles.TryParse(state.Role, out var role) ? role : SpeakerRole.Unknown;

    /// <summary>A chosen reply says who the person is, when they have not said so themselves.</summary>
    /// <remarks>A seeker who asks for help to stop has become someone worried about themselves. A typed reading never says
    /// the narrower role (a victim's "he forwarded my nudes" can read as the reply for one who shared): only their own words
    /// or a button do (<see cref="Stated"/>).</remarks>
    private ConversationState Imply(ConversationState state, string reference) =>
        cues.ImpliedRole(reference) is var implied and not SpeakerRole.Unknown
            && (state.Role is null || (RoleOf(state) == SpeakerRole.Seeker && implied == SpeakerRole.Self))
            ? state with { Role = (implied.Broader() is var broader and not SpeakerRole.Unknown ? broader : implied).ToId() }
            : state;

    private Step RouteStep(RoutedIntent routed, ConversationState state) =>
        routed.Intent is { } intent
            ? new Step(cues.Redirect(intent, RoleOf(state)))
            : new Step(
                state.LastSystemReply == SystemReplies.Clarify ? SystemReplies.ClarifyAgain : SystemReplies.Clarify,
                ClarifyTopics(routed, RoleOf(state)));

    /// <summary>The topics a clarifying question offers. Never deterrence, crisis or emergency: a guess that
    /// someone is seeking abuse images, or in danger, is not a guess to put to a person asking for help.</summary>
    private static List<string> ClarifyTopics(RoutedIntent routed, SpeakerRole role)
    {
        var topics = new List<string>();
        foreach (var candidate in routed.Candidates)
        {
            var topic = candidate.TopicId;
            var offenderSide = topic == TopicIds.SelfHelp && role != SpeakerRole.Unknown && !role.IsOffenderSide();
            if (!Intents.IsSafety(topic) && !offenderSide && topic is not (TopicIds.Welcome or TopicIds.OutOfScope) && !topics.Contains(topic))
            {
                topics.Add(topic);
            }
        }

        return topics;
    }

    private string? FollowTypedButton(string text, NormalisedText message, ConversationState state)
    {
        // Titles differ by pack (US spelling), so match against the conversation's own.
        var jurisdiction = content.FindByCode(state.Jurisdiction) ?? content.International;
        if (state.LastReply is null || !content.TryGetReply(jurisdiction, state.LastReply, RoleOf(state), out var last) || text.Length > 200)
        {
            return null;
        }

        var typed = message.Value;
        if (typed.Length == 0)
        {
            return null;
        }

        foreach (var action in last.Actions)
        {
            var title = _normalisedTitles.GetOrAdd(action.Title, TextNormaliser.Normalise);
            // Part of a title counts only when it is most of it: "now what" is inside "the child is safe now what next", and
            // read as that button it told the bot the child was safe.
            if (typed == title || ContainsWords(typed, title)
                || (typed.Contains(' ', StringComparison.Ordinal) && ContainsWords(title, typed) && WordCount(typed) * 2 >= WordCount(title)))
            {
                return action.Value[1..];
            }
        }

        return null;
    }

    /// <summary>Button titles come only from the content, so this holds a bounded set: each is normalised once.</summary>
    private readonly ConcurrentDictionary<string, string> _normalisedTitles = new(StringComparer.Ordinal);

    private static bool ContainsWords(string haystack, string needle) =>
        needle.Length > 0 && (" " + haystack + " ").Contains(" " + needle + " ", StringComparison.Ordinal);

    private static ConversationState Choose(ConversationState state, Jurisdiction jurisdiction) =>
        state with { Jurisdiction = jurisdiction.Code, JurisdictionChosenByUser = true, AskedForCountry = true };

    private BotReply Render(Step step, Jurisdiction jurisdiction, SpeakerRole role)
    {
        if (step.Language is { } language)
        {
            var kind = LanguageReplyKind(step.Reference) + (step.Again ? LanguagePacks.StillSuffix : "");
            if (cues.Languages.Reply(language, kind, jurisdiction.Code, young: role.IsUnder18()) is { } text)
            {
                return new BotReply(Intents.TopicOf(step.Reference), LanguageReplyId(step.Reference, language, step.Again), text, []);
            }
        }

        var reply = content.GetReply(jurisdiction, step.Reference, role);
        if (step.Reference == SystemReplies.AskCountry)
        {
            return reply with { Actions = [.. content.Countries.Append(content.International).Select(c => new SuggestedAction(c.Button, PostBack.ForCountry(c.Code)))] };
        }

        if (step.Candidates is { } candidates)
        {
            var topics = candidates.Count > 0 ? candidates
                : role == SpeakerRole.Unknown || role.IsOffenderSide() ? DefaultClarifyTopics
                : DefaultClarifyTopicsForOthers;
            return reply with
            {
                Actions = [.. topics.Select(t => new SuggestedAction(content.TopicTitle(jurisdiction, t), PostBack.ForReply(t))),
                    new SuggestedAction(content.TopicTitle(jurisdiction, TopicIds.OutOfScope), PostBack.ForReply(SomethingElse))],
            };
        }

        return reply;
    }

    private static readonly IReadOnlyList<string> DefaultClarifyTopics =
        [TopicIds.SelfHelp, TopicIds.ConcernOther, TopicIds.ParentsEducators, TopicIds.Law, TopicIds.Report];

    /// <summary>For someone who is not worried about their own thoughts: no offender-side guess.</summary>
    private static readonly IReadOnlyList<string> DefaultClarifyTopicsForOthers =
        [TopicIds.ConcernOther, TopicIds.ParentsEducators, TopicIds.VictimSupport, TopicIds.Law, TopicIds.Report];

    /// <summary>Where "Something else" on a clarifying question leads: the list of what the bot can do.</summary>
    private const string SomethingElse = TopicIds.OutOfScope + "/what-i-do";

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Another turn saved this conversation first (attempt {Attempt}); answering again")]
    private static partial void LogSaveConflict(ILogger logger, int attempt);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Turn failed with {ExceptionType}; the user got the fallback reply. {StackTrace}")]
    private static partial void LogTurnFailed(ILogger logger, string exceptionType, string stackTrace);

    /// <summary>A reply to send: a reference, topic candidates when it is a clarifying question, and a
    /// language when it is one of the short replies in another language (<c>Again</c>: its second wording).</summary>
    private sealed record Step(string Reference, IReadOnlyList<string>? Candidates = null, string? Language = null, bool Again = false);

    private sealed record TurnPlan(ConversationState State, IReadOnlyList<Step> Steps, bool MayAskForCountry);
}
