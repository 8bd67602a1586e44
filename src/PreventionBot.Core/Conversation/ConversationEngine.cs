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
public sealed partial class ConversationEngine(
    BotContent content,
    IIntentRouter router,
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

        // Respond.
        var replies = new List<BotReply>(3);
        foreach (var step in plan.Steps)
        {
            replies.Add(Render(step, jurisdiction));
        }

        if (plan.MayAskForCountry && state.Jurisdiction is null && !state.AskedForCountry)
        {
            replies.Add(Render(new Step(SystemReplies.AskCountry), jurisdiction));
            state = state with { AskedForCountry = true };
        }

        // Save state.
        var lastContentReply = replies.LastOrDefault(r => r.TopicId != TopicIds.System);
        state = state with
        {
            LastReply = lastContentReply?.Ref ?? state.LastReply,
            TurnCount = state.TurnCount + 1,
            LastActivityUtc = now,
        };
        await store.SaveAsync(request.ConversationKey, state, cancellationToken);

        return new TurnResult(replies, request.Locale ?? jurisdiction.DefaultLocale);
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
        if (text.Length > options.MaxMessageLength)
        {
            // A long message can still be a cry for help: screen it before declining it.
            var screened = router.Route(text[..options.MaxMessageLength]);
            return screened is { Reason: RouteReason.SafetyLexicon, TopicId: TopicIds.Crisis or TopicIds.Emergency }
                ? new TurnPlan(state, [new Step(screened.TopicId)], MayAskForCountry: false)
                : new TurnPlan(state, [new Step(SystemReplies.TooLong)], MayAskForCountry: false);
        }

        if (PostBack.TryParse(text, out var postBack))
        {
            return PlanPostBack(postBack, state);
        }

        var routed = router.Route(text);
        if (routed.Reason == RouteReason.SafetyLexicon && routed.TopicId is not null)
        {
            var safetyState = CountryStatements.Find(text, content) is { } country ? Choose(state, country) : state;
            return new TurnPlan(safetyState, [new Step(routed.TopicId)], MayAskForCountry: !IsUrgent(routed.TopicId));
        }

        if (CountryStatements.Find(text, content) is { } named)
        {
            var chosen = Choose(state, named);
            return CountryStatements.IsOnlyAStatement(text)
                ? new TurnPlan(chosen, [new Step(SystemReplies.CountrySet)], MayAskForCountry: false)
                : new TurnPlan(chosen, [RouteStep(routed)], MayAskForCountry: false);
        }

        if (FollowTypedButton(text, state) is { } typed)
        {
            return new TurnPlan(state, [new Step(typed)], MayAskForCountry: true);
        }

        return new TurnPlan(state, [RouteStep(routed)], MayAskForCountry: routed.TopicId is not null && !IsUrgent(routed.TopicId));
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
        return content.TryGetReply(content.International, reference, out _)
            ? new TurnPlan(state, [new Step(reference)], MayAskForCountry: !IsUrgent(reference))
            : new TurnPlan(state, [new Step(SystemReplies.Clarify, Candidates: [])], MayAskForCountry: false);
    }

    private static Step RouteStep(RoutedIntent routed) =>
        routed.TopicId is { } topic
            ? new Step(topic)
            : new Step(SystemReplies.Clarify, routed.Candidates.Select(c => c.TopicId).ToList());

    private string? FollowTypedButton(string text, ConversationState state)
    {
        // Titles differ by pack (US spelling), so match against the conversation's own.
        var jurisdiction = content.FindByCode(state.Jurisdiction) ?? content.International;
        if (state.LastReply is null || !content.TryGetReply(jurisdiction, state.LastReply, out var last))
        {
            return null;
        }

        var trimmed = text.Trim();
        foreach (var action in last.Actions)
        {
            if (string.Equals(action.Title, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return action.Value[1..];
            }
        }

        return null;
    }

    private static ConversationState Choose(ConversationState state, Jurisdiction jurisdiction) =>
        state with { Jurisdiction = jurisdiction.Code, JurisdictionChosenByUser = true, AskedForCountry = true };

    private static bool IsUrgent(string reference) =>
        reference.StartsWith(TopicIds.Crisis, StringComparison.Ordinal) || reference.StartsWith(TopicIds.Emergency, StringComparison.Ordinal);

    private BotReply Render(Step step, Jurisdiction jurisdiction)
    {
        var reply = content.GetReply(jurisdiction, step.Reference);
        if (step.Reference == SystemReplies.AskCountry)
        {
            return reply with { Actions = [.. content.Countries.Append(content.International).Select(c => new SuggestedAction(c.Button, PostBack.ForCountry(c.Code)))] };
        }

        if (step.Candidates is { } candidates)
        {
            var topics = candidates.Count > 0 ? candidates : DefaultClarifyTopics;
            return reply with { Actions = [.. topics.Select(t => new SuggestedAction(content.TopicTitle(jurisdiction, t), PostBack.ForReply(t)))] };
        }

        return reply;
    }

    private static readonly IReadOnlyList<string> DefaultClarifyTopics =
        [TopicIds.SelfHelp, TopicIds.ConcernOther, TopicIds.ParentsEducators, TopicIds.Law, TopicIds.Report];

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Turn failed with {ExceptionType}; the user got the fallback reply. {StackTrace}")]
    private static partial void LogTurnFailed(ILogger logger, string exceptionType, string stackTrace);

    /// <summary>A reply to send: a reference, plus topic candidates when it is a clarifying question.</summary>
    private sealed record Step(string Reference, IReadOnlyList<string>? Candidates = null);

    private sealed record TurnPlan(ConversationState State, IReadOnlyList<Step> Steps, bool MayAskForCountry);
}
