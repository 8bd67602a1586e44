using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PreventionBot.Core.Content;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Storage;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Core.Tests.Conversation;

public sealed class ConversationEngineTests
{
    // Training the router takes seconds: the other engine tests use these too.
    internal static readonly string Dialogs = DialogsDirectory.Locate();
    internal static readonly BotContent Content = ContentLoader.Load(Dialogs);
    internal static readonly IntentRouter Router = IntentRouter.Load(Dialogs);
    internal static readonly ConversationCues Cues = ConversationCues.Load(Dialogs, Content, Router.Languages);

    private readonly InMemoryConversationStore _store = new();
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Crisis_interrupts_a_deterrence_flow_and_comes_first()
    {
        var engine = Engine();
        await SayAsync(engine, "#deterrence", "en-GB");

        var result = await SayAsync(engine, "honestly i just want to end my life", "en-GB");

        Assert.Equal(TopicIds.Crisis, result.Replies[0].TopicId);
        Assert.Contains("116 123", result.Replies[0].Text, StringComparison.Ordinal);
        Assert.Contains("999", result.Replies[0].Text, StringComparison.Ordinal);
    }

    /// <summary>Study 92's replay: a screen witness's question about reporting is redirected to the emergency step just
    /// given, which was then shown twice in one turn. No turn shows the same reply twice.</summary>
    [Fact]
    public async Task A_turn_never_shows_the_same_reply_twice()
    {
        var engine = Engine();
        await SayAsync(engine, "omg im on the subway and the guy next to me is scrolling on a tablet and i think i just saw pics of a little kid being abused like sexually. what do i do right now do i call 911?? tell the driver?? should i take a pic of his screen", "en-CA");

        var result = await SayAsync(engine, "theres no child here its photos on his tablet. can i take a picture of his screen as proof?? im scared hes going to see me looking", "en-CA");

        Assert.Equal(result.Replies.Select(r => r.Ref).Distinct(), result.Replies.Select(r => r.Ref));
        Assert.Contains(result.Replies, r => r.Ref == "emergency/still");
    }

    [Fact]
    public async Task Unknown_locale_gets_the_welcome_and_the_country_question_once()
    {
        var engine = Engine();

        var start = await engine.HandleAsync(new TurnRequest("k", TurnKind.ConversationStarted, Locale: "de-DE"), default);
        Assert.Equal(["welcome/" + FirstReplyId(TopicIds.Welcome), SystemReplies.AskCountry], start.Replies.Select(r => r.Ref));
        Assert.Contains(start.Replies[1].Actions, a => a.Value == "#country/CA");

        var next = await SayAsync(engine, "what does the law say about ai images", "de-DE");
        Assert.DoesNotContain(next.Replies, r => r.Ref == SystemReplies.AskCountry);
    }

    [Fact]
    public async Task Locale_picks_the_jurisdiction_without_asking()
    {
        var engine = Engine();

        var start = await engine.HandleAsync(new TurnRequest("k", TurnKind.ConversationStarted, Locale: "en-AU"), default);

        Assert.DoesNotContain(start.Replies, r => r.Ref == SystemReplies.AskCountry);
        var crisis = await SayAsync(engine, "#crisis", "en-AU");
        Assert.Contains("13 11 14", crisis.Replies[0].Text, StringComparison.Ordinal);
        Assert.Equal("en-AU", crisis.Locale);
    }

    [Fact]
    public async Task Saying_where_you_are_switches_country_and_beats_the_locale()
    {
        var engine = Engine();
        await SayAsync(engine, "#welcome", "en-GB");

        var set = await SayAsync(engine, "I'm in Canada", "en-GB");
        Assert.Equal(SystemReplies.CountrySet, set.Replies[0].Ref);

        var crisis = await SayAsync(engine, "#crisis", "en-GB");
        Assert.Contains("9-8-8", crisis.Replies[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("116 123", crisis.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Northern_ireland_is_the_uk_not_ireland()
    {
        var engine = Engine();

        await SayAsync(engine, "I live in Northern Ireland", null);

        var state = await _store.LoadAsync("k", default);
        Assert.Equal("GB", state!.Jurisdiction);
    }

    [Fact]
    public async Task A_country_with_a_pack_wins_over_one_without()
    {
        var engine = Engine();

        await SayAsync(engine, "I'm from South Africa but I live in the UK", null);

        Assert.Equal("GB", (await _store.LoadAsync("k", default))!.Jurisdiction);
    }

    [Theory]
    [InlineData("Deutschland")]
    [InlineData("im in new zealand if that matters")]
    [InlineData("I live in South Africa")]
    public async Task A_country_without_a_pack_chooses_the_international_one(string said)
    {
        var engine = Engine();
        await SayAsync(engine, "#welcome", "en-GB");

        var set = await SayAsync(engine, said, "en-GB");

        Assert.Equal(SystemReplies.CountrySet, set.Replies[0].Ref);
        Assert.Equal("INT", (await _store.LoadAsync("k", default))!.Jurisdiction);
    }

    /// <summary>Twenty-fourth study: a Canadian's "people in japan look at this stuff all the time" moved him to the
    /// international pack, and his "canada, ontario. ..." did not move him back.</summary>
    [Theory]
    [InlineData("en-CA", "people in japan look at this stuff all the time. nobody gets charged for cartoons right", "CA")]
    [InlineData("en-GB", "canada, ontario. i literally asked about canada at the start", "CA")]
    // Study 50's replay: a father in France, writing French, was moved to Canada by "pas au canada".
    [InlineData("fr-FR", "non c'est pas moi, c'est mon fils de 15 ans ! et on est en FRANCE, pas au canada. je fais quoi, j'appelle le 112 maintenant ?", "INT")]
    [InlineData("en-US", "i'm not in the us, i'm in canada", "CA")]
    // Study 158: a survivor in Limerick who did not want "a number in England" was moved to England's services.
    [InlineData("en-IE", "is there counselling in Ireland for adults? Im in Limerick. I dont want to ring a number in England", "IE")]
    // Study 49: an Austrian writing German was never given his country.
    [InlineData("en-GB", "ich bin aus österreich", "INT")]
    [InlineData("en-GB", "je suis en belgique", "INT")]
    // "aus" is a name for Australia and German for "from"; where a child is, is not where the writer is.
    [InlineData("en-GB", "ich bin aus deutschland", "INT")]
    [InlineData("en-GB", "ma fille est en france avec son père", "GB")]
    // Study 72: "here in British Columbia" matched the UK's "british" and gave 101 and 999 in Vancouver.
    [InlineData("en-CA", "do i have to report it here in british columbia", "CA")]
    // Study 79: a seeker in London who said "its legal in japan??" was moved to the international pack. A law stated of a
    // place moves only someone whose country the bot does not know; a law asked about still moves (the review of session 32).
    // States name Australia; cities do not ("im in melbourne florida").
    [InlineData("en-GB", "ok but its legal in japan?? so how is it illegal here", "GB")]
    [InlineData("en-US", "drawn stuff is banned in the uk anyway", "US")]
    // Study 84: "mate its literally legal in japan" moved a seeker in Sydney to the international pack for good.
    [InlineData("en-AU", "mate its literally legal in japan, so if i use a japanese site or a vpn im fine right", "AU")]
    // A guard on the adverbs, not a test of them: a question with one ("is it actually legal in") still moves.
    [InlineData("en-GB", "is it actually legal in ireland to send a nude at 17", "IE")]
    // Study 127: a Polish mother in Dublin ("mieszkam w Irlandii", "jaki numer w Irlandii?") kept the EU's 112; a father in
    // Auckland ("nz auckland. school rang me", "i said nz. new zealand") was asked for his country three times.
    [InlineData("pl-PL", "mieszkam w Irlandii, Dublin. boje sie go", "IE")]
    [InlineData("pl-PL", "jaki numer w Irlandii?", "IE")]
    [InlineData("en-GB", "nz auckland. school rang me today about my boy", "INT")]
    [InlineData("en-GB", "i said nz. new zealand", "INT")]
    [InlineData("en-GB", "us too. my son was at the same school", "GB")]
    [InlineData("es-ES", "vivo en irlanda con mi hija", "IE")]
    [InlineData("it-IT", "abito in inghilterra da dieci anni", "GB")]
    [InlineData("pt-PT", "moro na irlanda com a minha filha", "IE")]
    [InlineData("en-CA", "im no american, just asking about the law", "CA")]
    [InlineData("de-DE", "is that legal in canada", "CA")]
    [InlineData("en-GB", "is it illegal in ireland to share a nude of a 16 year old", "IE")]
    [InlineData("en-GB", "im in qld if that matters", "AU")]
    [InlineData("en-US", "im in melbourne florida, my son is being blackmailed", "US")]
    public async Task A_country_is_where_the_user_says_they_are_not_where_others_are(string locale, string said, string expected)
    {
        var engine = Engine();
        await SayAsync(engine, "#welcome", locale);

        await SayAsync(engine, said, locale);

        Assert.Equal(expected, (await _store.LoadAsync("k", default))!.Jurisdiction);
    }

    /// <summary>Study 59: a Polish woman in Manchester who had picked the UK said "I am not british, from Poland" and was
    /// moved to the international pack; her next emergency reply had 112, not 999. Where someone comes from is not where
    /// they are, once they have said where they are; before that, "i'm from ireland" still says it.</summary>
    [Theory]
    [InlineData("no nobody arrested?? i ask if police help me when i am foreigner. I am not british, from Poland. they will listen me?", "GB")]
    [InlineData("ich bin aus österreich", "GB")]
    [InlineData("im in ireland actually", "IE")]
    public async Task Where_someone_comes_from_does_not_move_a_country_they_chose(string said, string expected)
    {
        var engine = Engine();
        await SayAsync(engine, "#welcome", "pl-PL");
        await SayAsync(engine, "#country/GB", "pl-PL");

        await SayAsync(engine, said, "pl-PL");

        Assert.Equal(expected, (await _store.LoadAsync("k", default))!.Jurisdiction);
    }

    [Fact]
    public async Task A_country_postback_sets_the_country()
    {
        var engine = Engine();

        var result = await SayAsync(engine, "#country/IE", null);

        Assert.Equal(SystemReplies.CountrySet, result.Replies[0].Ref);
        Assert.Equal("IE", (await _store.LoadAsync("k", default))!.Jurisdiction);
    }

    [Fact]
    public async Task Below_the_threshold_the_bot_asks_with_the_candidates_as_buttons()
    {
        var router = new FixedRouter(new RoutedIntent(null, 0.2, RouteReason.BelowThreshold, [new(TopicIds.Law, 0.2), new(TopicIds.Report, 0.19)]));
        var engine = Engine(router);

        var result = await SayAsync(engine, "hmm", "en-GB");

        var clarify = Assert.Single(result.Replies);
        Assert.Equal(SystemReplies.Clarify, clarify.Ref);
        Assert.Equal(["#law", "#report", "#out-of-scope/what-i-do"], clarify.Actions.Select(a => a.Value));
        Assert.Equal(Content.TopicTitle(Content.FindByCode("GB")!, TopicIds.Law), clarify.Actions[0].Title);
    }

    [Fact]
    public async Task A_clarifying_question_never_guesses_deterrence_crisis_or_emergency()
    {
        var router = new FixedRouter(new RoutedIntent(null, 0.3, RouteReason.BelowThreshold,
            [new(TopicIds.Deterrence, 0.3), new(TopicIds.Crisis, 0.25), new("self-help/fear-of-arrest", 0.2), new(TopicIds.Emergency, 0.1)]));

        var result = await SayAsync(Engine(router), "idk", "en-GB");

        Assert.Equal(["#self-help", "#out-of-scope/what-i-do"], result.Replies[0].Actions.Select(a => a.Value));
    }

    [Fact]
    public async Task Typing_a_button_title_follows_the_button()
    {
        var engine = Engine(new FixedRouter(new RoutedIntent(TopicIds.OutOfScope, 0.9, RouteReason.Classifier, [])));
        var self = await SayAsync(engine, "#self-help", "en-GB");
        var button = self.Replies[0].Actions[0];

        var result = await SayAsync(engine, button.Title.ToUpperInvariant(), "en-GB");

        Assert.Equal(Content.GetReply(Content.FindByCode("GB")!, button.Value[1..]).Ref, result.Replies[0].Ref);
    }

    [Fact]
    public async Task State_expires_after_the_configured_inactivity()
    {
        var engine = Engine();
        await SayAsync(engine, "#country/CA", null);
        _time.Advance(TimeSpan.FromHours(25));

        var crisis = await SayAsync(engine, "#crisis", null);

        // The Canadian choice is forgotten: the international pack answers, as for a new conversation.
        Assert.Equal(Content.GetReply(Content.International, TopicIds.Crisis).Text, crisis.Replies[0].Text);
        Assert.Null((await _store.LoadAsync("k", default))!.Jurisdiction);
    }

    [Fact]
    public async Task State_never_holds_what_the_user_wrote()
    {
        var engine = Engine();
        const string marker = "UNIQUEMARKER4711";
        await SayAsync(engine, $"I'm worried about my thoughts {marker}", "en-GB");
        await SayAsync(engine, $"I am in Canada {marker}", "en-GB");

        var state = await _store.LoadAsync("k", default);
        var json = JsonSerializer.Serialize(state);
        Assert.DoesNotContain(marker, json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ConversationState.CurrentSchemaVersion, state!.SchemaVersion);
    }

    [Fact]
    public async Task Delete_removes_the_conversation_at_once()
    {
        var engine = Engine();
        await SayAsync(engine, "hello", "en-GB");

        var result = await engine.HandleAsync(new TurnRequest("k", TurnKind.DeleteConversation, Locale: "en-GB"), default);

        Assert.Equal(SystemReplies.Deleted, result.Replies[0].Ref);
        Assert.Null(await _store.LoadAsync("k", default));
    }

    [Fact]
    public async Task Files_and_images_are_never_accepted()
    {
        var result = await Engine().HandleAsync(new TurnRequest("k", TurnKind.Message, null, "en-GB", HasAttachments: true), default);

        Assert.Equal(SystemReplies.NotAccepted, result.Replies[0].Ref);
    }

    [Fact]
    public async Task An_unknown_postback_gets_a_clarifying_question_not_an_error()
    {
        var result = await SayAsync(Engine(), "#no-such-topic/nowhere", "en-GB");

        Assert.Equal(SystemReplies.Clarify, result.Replies[0].Ref);
        Assert.NotEmpty(result.Replies[0].Actions);
    }

    [Fact]
    public async Task A_failing_turn_returns_the_error_reply_with_help_contacts()
    {
        var result = await SayAsync(Engine(new ThrowingRouter()), "anything", "en-US");

        Assert.Equal(SystemReplies.Error, result.Replies[0].Ref);
        Assert.Contains("988", result.Replies[0].Text, StringComparison.Ordinal);
    }

    private ConversationEngine Engine(IIntentRouter? router = null) =>
        new(Content, router ?? Router, Cues, _store, _time, new ConversationOptions(), NullLogger<ConversationEngine>.Instance);

    private static Task<TurnResult> SayAsync(ConversationEngine engine, string text, string? locale) =>
        engine.HandleAsync(new TurnRequest("k", TurnKind.Message, text, locale), default);

    private static string FirstReplyId(string topic) => Content.GetReply(Content.International, topic).ReplyId;

    private sealed class FixedRouter(RoutedIntent intent) : IIntentRouter
    {
        public RoutedIntent Route(string text, string? contextTopic = null, IReadOnlyDictionary<string, double>? topicWeights = null, string? conversationLanguage = null, IReadOnlySet<string>? ruledOut = null) => intent;
    }

    private sealed class ThrowingRouter : IIntentRouter
    {
        public RoutedIntent Route(string text, string? contextTopic = null, IReadOnlyDictionary<string, double>? topicWeights = null, string? conversationLanguage = null, IReadOnlySet<string>? ruledOut = null) => throw new InvalidOperationException("boom");
    }
}

internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
