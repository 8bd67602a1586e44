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

        // Load state.
        var now = time.GetUtcNow();
        var state = await store.LoadAsync(request.ConversationKey, cancellationToken);
        if (state is null || state.SchemaVersion != ConversationState.CurrentSchemaVersion
            || now - state.LastActivityUtc > options.StateExpiry)
        {
            state = new ConversationState();
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

        // Respond.
        var replies = new List<BotReply>(3);
        foreach (var step in plan.Steps)
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
            TurnCount = state.TurnCount + 1,
            LastActivityUtc = now,
        };
        await store.SaveAsync(request.ConversationKey, state, cancellationToken);

        return new TurnResult(replies, request.Locale ?? jurisdiction.DefaultLocale, role);
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

        // Safety first, over the whole message at any length.
        var routed = router.Route(text, ContextTopic(state));
        if (text.Length <= options.MaxMessageLength)
        {
            var role = cues.RoleAfter(text, RoleOf(state));
            state = state with { Role = role == SpeakerRole.Unknown ? null : role.ToId() };
        }

        if (routed is { Reason: RouteReason.SafetyLexicon, Intent: { } safety })
        {
            return PlanSafety(routed, safety, text, state);
        }

        if (text.Length > options.MaxMessageLength)
        {
            return new TurnPlan(state, [new Step(SystemReplies.TooLong)], MayAskForCountry: false);
        }

        var followUp = cues.FollowUpOf(text);
        if (state.SafetyMode is { } mode && PlanInSafetyMode(mode, routed, followUp, text, state) is { } safe)
        {
            return safe;
        }

        if (routed is { Reason: RouteReason.OtherLanguage, Language: { } language })
        {
            return new TurnPlan(state, [new Step(TopicIds.OutOfScope, Language: language)], MayAskForCountry: false);
        }

        if (CountryStatements.Find(text, content) is { } named)
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

            return new TurnPlan(chosen, [RouteStep(routed, chosen)], MayAskForCountry: false);
        }

        if (FollowTypedButton(text, state) is { } typed)
        {
            return Answer(state, typed);
        }

        if (followUp != FollowUp.None && PlanFollowUp(followUp, state) is { } next)
        {
            return next;
        }

        // "ok thank you, this helped": a short thanks is a close unless it clearly asks something else.
        if ((routed.TopicId is null or TopicIds.Welcome or TopicIds.OutOfScope) && cues.SaysThanks(text))
        {
            return new TurnPlan(state, [new Step(SystemReplies.Thanks)], MayAskForCountry: false);
        }

        if (routed.Intent is { } intent)
        {
            var fitted = cues.Redirect(intent, RoleOf(state));
            return Answer(Imply(state, fitted), fitted, typed: true);
        }

        // Someone already warned who pushes on vaguely ("just one link then") is still seeking: a firm
        // answer, never a question that offers them a menu.
        if (RoleOf(state) == SpeakerRole.Seeker)
        {
            return new TurnPlan(state, [new Step(NextRefusal(state))], MayAskForCountry: false);
        }


        // Hesitant, but most like the topic the conversation is already in ("he's messaging again, I have
        // one hour" after sextortion advice): stay with it rather than ask.
        if (routed.Candidates.Count > 0 && ContextTopic(state) is { } context && routed.Candidates[0].TopicId == context
            && !Intents.IsSafety(context) && context is not (TopicIds.Welcome or TopicIds.OutOfScope))
        {
            var fitted = cues.Redirect(context, RoleOf(state));
            return Answer(state, fitted, typed: true);
        }

        return new TurnPlan(state, [RouteStep(routed, state)], MayAskForCountry: false);
    }

    /// <summary>Crisis, emergency or deterrence, found by a lexicon. Crisis and emergency start (or continue)
    /// the safety mode; a second topic in the same message is answered after the safety reply.</summary>
    private TurnPlan PlanSafety(RoutedIntent routed, string safety, string text, ConversationState state)
    {
        if (CountryStatements.Find(text, content) is { } country)
        {
            state = Choose(state, country);
        }

        if (Intents.IsUrgent(safety))
        {
            state = state with { SafetyMode = safety };
        }
        else if (RoleOf(state) == SpeakerRole.Unknown)
        {
            state = Imply(state, safety);
        }

        if (routed.Language is { } language)
        {
            var inLanguage = Intents.TopicOf(safety) + "/in-" + language;
            // The same words in their language twice in a row would read as a machine stuck: the second
            // time they get the English reply with the same numbers.
            var again = Intents.IsUrgent(safety) ? NextInSafetyMode(safety, state) : NextRefusal(state);
            return state.LastReply == inLanguage
                ? new TurnPlan(state, [new Step(again)], MayAskForCountry: false)
                : new TurnPlan(state, [new Step(safety, Language: language)], MayAskForCountry: false);
        }

        // Told the same thing twice in a row, the person gets the next step rather than the same words:
        // in a crisis or emergency, the next step of that mode, never a button's reply.
        var first = !IsInTopic(state, safety) ? safety
            : Intents.IsUrgent(safety) ? NextInSafetyMode(safety, state)
            : NextRefusal(state);
        var steps = new List<Step> { new(first) };
        if (routed.Secondary is { } secondary)
        {
            steps.Add(new Step(cues.Redirect(secondary, RoleOf(state))));
        }

        return new TurnPlan(state, steps, MayAskForCountry: !Intents.IsUrgent(safety));
    }

    /// <summary>After a crisis or emergency reply: stay with it until the person says the danger has passed,
    /// thanks the bot, starts again or presses on elsewhere. A question in the meantime is answered, after
    /// a short reminder of the numbers; anything else gets the next concrete step. Returns null when the
    /// person has moved on, and the turn is read as usual.</summary>
    private TurnPlan? PlanInSafetyMode(string mode, RoutedIntent routed, FollowUp followUp, string text, ConversationState state)
    {
        var left = state with { SafetyMode = null };
        if (followUp == FollowUp.Restart)
        {
            return null;
        }

        if (followUp == FollowUp.Thanks)
        {
            return new TurnPlan(left, [new Step(SystemReplies.Thanks)], MayAskForCountry: false);
        }

        if (followUp == FollowUp.Safe || cues.SaysSafe(text))
        {
            var after = mode == TopicIds.Emergency ? TopicIds.Emergency + "/next" : TopicIds.Crisis + "/stay-safe";
            return new TurnPlan(left, [new Step(IsLast(state, after) ? SystemReplies.Thanks : after)], MayAskForCountry: false);
        }

        if (FollowTypedButton(text, state) is { } typed)
        {
            return Answer(state, typed);
        }

        var still = NextInSafetyMode(mode, state);
        if (routed is { Reason: RouteReason.OtherLanguage, Language: { } language })
        {
            // The same words in their language again are better than English to someone at risk, but the
            // reply after that is the English one with the numbers.
            return new TurnPlan(state, [state.LastReply == mode + "/in-" + language ? new Step(still) : new Step(mode, Language: language)], MayAskForCountry: false);
        }

        if (routed is { Reason: RouteReason.Classifier, Intent: { } intent }
            && followUp == FollowUp.None
            && (intent == TopicIds.SelfHelp || Intents.TopicOf(intent) is not (TopicIds.Welcome or TopicIds.OutOfScope
                or TopicIds.Crisis or TopicIds.Emergency or TopicIds.SelfHelp or TopicIds.Deterrence)))
        {
            // Deterrence and self-help's detail replies are left out: their warnings and safety plans are
            // not what someone at risk right now needs next to the crisis line. Self-help's entry reply,
            // the prevention line with the crisis line, is.
            return new TurnPlan(state, [new Step(still), new Step(AnswerInSafetyMode(mode, cues.Redirect(intent, RoleOf(state))))], MayAskForCountry: false);
        }

        return new TurnPlan(state, [new Step(still)], MayAskForCountry: false);
    }

    /// <summary>The next reply in a safety mode, never the one just sent: for an emergency the number and
    /// "don't confront" again (main, still, main, …), for a crisis the ways to keep safe and the lines
    /// (stay-safe, still, stay-safe, …). After a turn that also answered a question, the step before that
    /// answer is the one just sent.</summary>
    private static string NextInSafetyMode(string mode, ConversationState state)
    {
        string[] chain = mode == TopicIds.Emergency
            ? [TopicIds.Emergency + "/still", TopicIds.Emergency + "/main"]
            : [TopicIds.Crisis + "/stay-safe", TopicIds.Crisis + "/still"];
        var last = chain.Contains(state.LastReply) || !chain.Contains(state.PreviousReply) ? state.LastReply : state.PreviousReply;
        return last == chain[0] ? chain[1] : chain[0];
    }

    /// <summary>A question asked in a safety mode: a topic may have a reply written for that moment
    /// (<c>privacy/in-crisis</c>: what this chat and the crisis line keep private), which is sent instead.</summary>
    private string AnswerInSafetyMode(string mode, string reference)
    {
        var inMode = Intents.TopicOf(reference) + "/in-" + mode;
        return content.TryGetReply(content.International, inMode, out _) ? inMode : reference;
    }

    private TurnPlan? PlanFollowUp(FollowUp followUp, ConversationState state)
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
                return new TurnPlan(state, [new Step(SystemReplies.Thanks)], MayAskForCountry: false);
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

        // A button is a clear choice: it starts a safety mode, or leaves an emergency ("the child is safe
        // now" is a button too). A crisis is not over because a person asked about something else.
        var mode = Intents.IsUrgent(reference) ? Intents.TopicOf(reference)
            : state.SafetyMode == TopicIds.Crisis ? state.SafetyMode : null;
        if (reference == TopicIds.Emergency + "/next")
        {
            mode = null;
        }

        state = state with { SafetyMode = mode };
        return new TurnPlan(Imply(state, reference), [new Step(reference)], MayAskForCountry: !Intents.IsUrgent(reference));
    }

    /// <summary>One reply for an intent; typed turns never get the reply they just had.</summary>
    private TurnPlan Answer(ConversationState state, string reference, bool typed = false)
    {
        var step = typed && IsLast(state, reference) ? NextStep(state, reference) : reference;
        if (Intents.IsUrgent(step))
        {
            state = state with { SafetyMode = Intents.TopicOf(step) };
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

    /// <summary>A seeker who keeps asking gets the refusal again in other words: main, refuse, main, ….</summary>
    private static string NextRefusal(ConversationState state) =>
        state.LastReply == TopicIds.Deterrence + "/main" ? TopicIds.Deterrence + "/refuse" : TopicIds.Deterrence + "/main";

    private static bool IsInTopic(ConversationState state, string topic) =>
        state.LastReply is { } last && Intents.TopicOf(last) == topic;

    private bool IsLast(ConversationState state, string reference) =>
        state.LastReply is { } last && content.TryGetReply(content.International, reference, out var reply) && reply.Ref == last;

    /// <summary>The topic the conversation is in, for reading a hesitant message as part of it.</summary>
    private static string? ContextTopic(ConversationState state) =>
        state.LastReply is { } last && Intents.TopicOf(last) is var topic && topic != TopicIds.System ? topic : null;

    private static SpeakerRole RoleOf(ConversationState state) =>
        SpeakerRoles.TryParse(state.Role, out var role) ? role : SpeakerRole.Unknown;

    /// <summary>A chosen reply says who the person is, when they have not said so themselves.</summary>
    /// <remarks>A seeker who asks for help to stop has become someone worried about themselves.</remarks>
    private ConversationState Imply(ConversationState state, string reference) =>
        cues.ImpliedRole(reference) is var implied and not SpeakerRole.Unknown
            && (state.Role is null || (RoleOf(state) == SpeakerRole.Seeker && implied == SpeakerRole.Self))
            ? state with { Role = implied.ToId() }
            : state;

    private Step RouteStep(RoutedIntent routed, ConversationState state) =>
        routed.Intent is { } intent
            ? new Step(cues.Redirect(intent, RoleOf(state)))
            : new Step(SystemReplies.Clarify, ClarifyTopics(routed, RoleOf(state)));

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

    private string? FollowTypedButton(string text, ConversationState state)
    {
        // Titles differ by pack (US spelling), so match against the conversation's own.
        var jurisdiction = content.FindByCode(state.Jurisdiction) ?? content.International;
        if (state.LastReply is null || !content.TryGetReply(jurisdiction, state.LastReply, RoleOf(state), out var last) || text.Length > 200)
        {
            return null;
        }

        var typed = TextNormaliser.Normalise(text);
        if (typed.Length == 0)
        {
            return null;
        }

        foreach (var action in last.Actions)
        {
            var title = TextNormaliser.Normalise(action.Title);
            if (typed == title || (typed.Contains(' ', StringComparison.Ordinal) && ContainsWords(title, typed)) || ContainsWords(typed, title))
            {
                return action.Value[1..];
            }
        }

        return null;
    }

    private static bool ContainsWords(string haystack, string needle) =>
        needle.Length > 0 && (" " + haystack + " ").Contains(" " + needle + " ", StringComparison.Ordinal);

    private static ConversationState Choose(ConversationState state, Jurisdiction jurisdiction) =>
        state with { Jurisdiction = jurisdiction.Code, JurisdictionChosenByUser = true, AskedForCountry = true };

    private BotReply Render(Step step, Jurisdiction jurisdiction, SpeakerRole role)
    {
        if (step.Language is { } language)
        {
            var kind = step.Reference == TopicIds.OutOfScope ? "other" : Intents.TopicOf(step.Reference);
            if (cues.Languages.Reply(language, kind) is { } text)
            {
                return new BotReply(Intents.TopicOf(step.Reference), "in-" + language, text, []);
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

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Turn failed with {ExceptionType}; the user got the fallback reply. {StackTrace}")]
    private static partial void LogTurnFailed(ILogger logger, string exceptionType, string stackTrace);

    /// <summary>A reply to send: a reference, topic candidates when it is a clarifying question, and a
    /// language when it is one of the short replies in another language.</summary>
    private sealed record Step(string Reference, IReadOnlyList<string>? Candidates = null, string? Language = null);

    private sealed record TurnPlan(ConversationState State, IReadOnlyList<Step> Steps, bool MayAskForCountry);
}
