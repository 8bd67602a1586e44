using Microsoft.Extensions.Logging.Abstractions;
using PreventionBot.Core.Content;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Storage;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Core.Tests.Conversation;

/// <summary>
/// Reading a message as the person who wrote it: who is speaking weighs a hesitant reading, a known speaker's fairly
/// likely question is answered rather than met with a menu, a thank-you that asks something is a question, and a
/// reply shown again for another country is not a repeat. The shipped dialogs/ and cues, with a router that returns a
/// fixed reading where the test needs one.
/// </summary>
public sealed class SpeakerReadingTests
{
    private static readonly BotContent Content = ConversationEngineTests.Content;
    private static readonly IntentRouter Router = ConversationEngineTests.Router;
    private static readonly ConversationCues Cues = ConversationEngineTests.Cues;

    private readonly InMemoryConversationStore _store = new();

    [Theory]
    [InlineData("ok thank you. one more, should i go to the police as well", true)]
    [InlineData("im not going to do anything tonight. what happens when i call", true)]
    [InlineData("thanks! is it anonymous", true)]
    [InlineData("if i ring samaritans will they tell the guards what i did", true)]
    [InlineData("if i see him again i swear", false)]
    [InlineData("ok thank you, that helps", false)]
    [InlineData("when i looked at it i felt sick", false)]
    [InlineData("thanks, i'll call them tomorrow", false)]
    [InlineData("thanks so much. will try ringing them tomorrow", false)]
    [InlineData("thanks. will they tell him it was me", true)]
    public void A_question_is_found_without_a_question_mark(string text, bool asks) =>
        Assert.Equal(asks, Cues.AsksSomething(text));

    [Theory]
    [InlineData("no hes not threatening me about pics. could he find my house", true)]
    [InlineData("No, nobody is threatening me and there are no pictures. I mean reporting my uncle", true)]
    [InlineData("i never said anything about paying lol", true)]
    // Study 137, a girl of 13: "want" is not "he wants".
    [InlineData("hes not threatening me or anything hes nice. i just dont want my mum to find out shed go mad", true)]
    [InlineData("hes not threatening me, he just wants more pics", false)]
    [InlineData("he is threatening to post my pics unless i pay", false)]
    [InlineData("he say he send it to my friends if i dont pay 200 euro. i must pay?", false)]
    [InlineData("hes not threatening me exactly, he just says hell post them if i stop talking to him", false)]
    public void A_message_that_says_nobody_is_threatening_rules_out_the_replies_on_threats(string text, bool ruledOut)
    {
        var intents = Cues.RuledOut(NormalisedText.Of(text));

        Assert.Equal(ruledOut, intents.Contains("young-person/threats") && intents.Contains("victim-support/pay"));
    }

    [Fact]
    public async Task A_thank_you_that_asks_something_is_not_taken_for_a_goodbye()
    {
        var engine = Engine(Hesitant([]));

        var question = await SayAsync(engine, "ok thank you. one more, should i go to the police as well");
        var close = await SayAsync(engine, "ok thank you, that helps");

        Assert.NotEqual(SystemReplies.Thanks, question.Replies[0].Ref);
        Assert.Equal(SystemReplies.Thanks, close.Replies[0].Ref);
    }

    [Fact]
    public async Task A_known_speakers_fairly_likely_reading_is_answered_rather_than_asked()
    {
        var engine = Engine(Hesitant([new("victim-support/counselling", 0.36), new("report", 0.2)]));

        var result = await SayAsync(engine, "I was abused as a child. where can i get counselling for this");

        Assert.Equal(SpeakerRole.Survivor, result.Role);
        Assert.Equal("victim-support/counselling", result.Replies[0].Ref);
    }

    [Fact]
    public async Task An_unknown_speaker_with_the_same_reading_is_asked()
    {
        var engine = Engine(Hesitant([new("victim-support/counselling", 0.36), new("report", 0.2)]));

        var result = await SayAsync(engine, "where can i get counselling for this");

        Assert.Equal(SystemReplies.Clarify, result.Replies[0].Ref);
    }

    [Fact]
    public async Task A_hesitant_young_peoples_reply_is_an_adults_where_the_cues_fit_it_to_them()
    {
        // Study 162: a mother asking whether to pay a blackmailer was read hesitantly as a young person's question on paying,
        // and got a clarifying question; for her that reply is the parents' one.
        var engine = Engine(Hesitant([new("young-person/pay", 0.45), new("victim-support/pay", 0.2)]));

        var result = await SayAsync(engine, "my son is being blackmailed with a video. honestly wouldnt it be easier to just pay");

        Assert.Equal(SpeakerRole.ParentOfVictim, result.Role);
        Assert.Equal("parents-educators/sextortion-pay", result.Replies[0].Ref);
    }

    [Fact]
    public async Task A_guess_never_gives_an_adult_the_young_peoples_replies_nor_a_parent_offender_self_help()
    {
        var teacher = Engine(Hesitant([new("young-person", 0.4), new("parents-educators/school", 0.35)]));
        var parent = Engine(Hesitant([new("self-help", 0.45), new("young-person", 0.3)]));

        var forTeacher = await SayAsync(teacher, "I'm a teacher and a pupil told me something today");
        var forParent = await SayAsync(parent, "my son was groomed online, what now for me", conversation: "p");

        Assert.Equal(SpeakerRole.Professional, forTeacher.Role);
        Assert.Equal("parents-educators/school", forTeacher.Replies[0].Ref);
        Assert.Equal(SpeakerRole.ParentOfVictim, forParent.Role);
        Assert.Equal(SystemReplies.Clarify, forParent.Replies[0].Ref);
    }

    [Fact]
    public async Task A_weak_reading_is_still_asked_about_whoever_is_speaking()
    {
        var engine = Engine(Hesitant([new("victim-support/counselling", 0.2)]));

        var result = await SayAsync(engine, "I was abused as a child. i dont know");

        Assert.Equal(SystemReplies.Clarify, result.Replies[0].Ref);
    }

    [Fact]
    public async Task The_speakers_weights_reach_the_router_outside_a_safety_mode_only()
    {
        var router = new RecordingRouter(Router);
        var engine = Engine(router);

        await SayAsync(engine, "I'm a teacher. what should i tell the class");
        Assert.Same(Cues.TopicWeights(SpeakerRole.Professional), router.LastWeights);
        Assert.NotNull(router.LastWeights);

        await SayAsync(engine, "I want to kill myself");
        router.Calls.Clear();
        await SayAsync(engine, "is there a number for that");

        // In the crisis the message is read without the speaker's weights; a question may then be read again as it would be
        // outside the crisis (no context topic), weighed for the speaker as anywhere else.
        Assert.Null(router.Calls[0].Weights);
        Assert.All(router.Calls.Where(call => call.Weights is not null), call => Assert.Null(call.ContextTopic));
    }

    [Fact]
    public void A_role_weighs_a_hesitant_reading_but_never_a_clear_one()
    {
        const string Hesitating = "i dont know";
        var plain = Router.Route(Hesitating);
        Assert.Equal(RouteReason.BelowThreshold, plain.Reason);
        var second = plain.Candidates[1].TopicId;

        var weighed = Router.Route(Hesitating, topicWeights: new Dictionary<string, double> { [second] = 2.0, [plain.Candidates[0].TopicId] = 0.3 });
        Assert.Equal(second, weighed.Candidates[0].TopicId);

        const string Clear = "I'm worried about my own sexual thoughts about children";
        var clear = Router.Route(Clear);
        Assert.Equal(RouteReason.Classifier, clear.Reason);
        var against = Router.Route(Clear, topicWeights: new Dictionary<string, double> { [clear.TopicId!] = 0.3 });
        Assert.Equal(clear.Intent, against.Intent);
    }

    [Fact]
    public async Task A_reply_asked_for_again_after_choosing_another_country_is_shown_for_that_country()
    {
        var engine = Engine(Router);
        await SayAsync(engine, "#victim-support/counselling", locale: "en-AU");
        await SayAsync(engine, "I'm in the UK", locale: "en-AU");

        var again = await SayAsync(engine, "#victim-support/counselling", locale: "en-AU");
        var typedAgain = await SayAsync(engine, "#victim-support/counselling", locale: "en-AU");

        Assert.Equal("victim-support/counselling", again.Replies[0].Ref);
        Assert.Contains("116 123", again.Replies[0].Text, StringComparison.Ordinal);
        Assert.Equal("victim-support/counselling", typedAgain.Replies[0].Ref);
    }

    [Fact]
    public async Task Asking_whether_to_ring_the_emergency_number_gets_the_emergency_reply()
    {
        var result = await SayAsync(Engine(Router), "hes back in an hour. do i ring 999 or 101?");

        Assert.Equal(TopicIds.Emergency, result.Replies[0].TopicId);
        Assert.Contains("999", result.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saying_the_child_is_not_in_danger_right_now_ends_an_emergency()
    {
        var engine = Engine(Router);
        await SayAsync(engine, "a man is touching a child in the park right now");

        var after = await SayAsync(engine, "she isnt in danger right this second, shes at home with her mum");

        Assert.Equal(TopicIds.Emergency + "/next", after.Replies[0].Ref);
    }

    [Theory]
    [InlineData("ive been having thoughts about my niece. shes 12. sexual thoughts", SpeakerRole.Self)]
    [InlineData("she's not my kid, I'm just another volunteer at the club", SpeakerRole.ConcernedOther)]
    [InlineData("I just found out my 13 year old son used some app to make fake nude pictures of girls", SpeakerRole.ParentOfHarmer)]
    [InlineData("lol theres this girl in my class", SpeakerRole.Unknown)]
    // An entry with `only_with` counts only beside one of those phrases: pictures of children on a phone are a stranger's
    // screen beside a seat or a train, not on a husband's phone or in a group chat (the review of session 50).
    [InlineData("im on a train and the guy opposite me is looking at what look like sexual pics of young kids on his phone", SpeakerRole.ScreenWitness)]
    [InlineData("hubby left his phone unlocked and there were pics of kids on his phone, naked", SpeakerRole.Unknown)]
    [InlineData("someone in my whatsapp group posted a video on it of a child being abused", SpeakerRole.Unknown)]
    // A bare "too" in an `unless` list once matched every "to" (words are squeezed).
    [InlineData("im on bail. i need to talk to someone", SpeakerRole.Self)]
    [InlineData("they took my phone and laptop too. am i a suspect", SpeakerRole.Unknown)]
    public void Who_is_speaking_is_read_from_the_words_that_say_it(string text, SpeakerRole role) =>
        Assert.Equal(role, Cues.RoleAfter(text, SpeakerRole.Unknown));

    [Fact]
    public async Task An_adult_is_never_sent_the_young_peoples_replies()
    {
        var engine = Engine(new FixedRouter(new RoutedIntent("young-person/parents", 0.8, RouteReason.Classifier, [new("young-person/parents", 0.8)])));

        var result = await SayAsync(engine, "im his partner. what about me tho, is there anyone i can talk to");

        Assert.Equal(SpeakerRole.ConcernedOther, result.Role);
        Assert.Equal(TopicIds.ConcernOther, result.Replies[0].TopicId);
    }

    [Fact]
    public async Task A_second_clarifying_question_in_a_row_is_worded_differently()
    {
        var engine = Engine(Hesitant([new("report", 0.2)]));

        var first = await SayAsync(engine, "will i have to give a statement");
        var second = await SayAsync(engine, "what do i tell them");
        var third = await SayAsync(engine, "hmm");

        Assert.Equal(SystemReplies.Clarify, first.Replies[0].Ref);
        Assert.Equal(SystemReplies.ClarifyAgain, second.Replies[0].Ref);
        Assert.NotEqual(first.Replies[0].Text, second.Replies[0].Text);
        Assert.Equal(SystemReplies.Clarify, third.Replies[0].Ref);
    }

    [Fact]
    public async Task Asking_whether_to_call_is_not_taken_for_help_already_called()
    {
        var engine = Engine(Router);
        await SayAsync(engine, "theres a little girl screaming next door right now and a man yelling at her", locale: "en-US");

        var asking = await SayAsync(engine, "should i really call 911 tho? what if im overreacting", locale: "en-US");
        var called = await SayAsync(engine, "ok i called 911, they said an officer is on the way", locale: "en-US");

        Assert.NotEqual("emergency/coming", asking.Replies[0].Ref);
        Assert.Equal(TopicIds.Emergency, asking.Replies[0].TopicId);
        Assert.Equal("emergency/coming", called.Replies[0].Ref);
    }

    private ConversationEngine Engine(IIntentRouter router) =>
        new(Content, router, Cues, _store, TimeProvider.System, new ConversationOptions(), NullLogger<ConversationEngine>.Instance);

    private static Task<TurnResult> SayAsync(ConversationEngine engine, string text, string? locale = "en-GB", string conversation = "k") =>
        engine.HandleAsync(new TurnRequest(conversation, TurnKind.Message, text, locale), default);

    private static FixedRouter Hesitant(IntentScore[] candidates) =>
        new(new RoutedIntent(null, candidates.Length > 0 ? candidates[0].Score : 0, RouteReason.BelowThreshold, candidates));

    private sealed class FixedRouter(RoutedIntent intent) : IIntentRouter
    {
        public RoutedIntent Route(string text, string? contextTopic = null, IReadOnlyDictionary<string, double>? topicWeights = null, string? conversationLanguage = null, IReadOnlySet<string>? ruledOut = null) => intent;
    }

    private sealed class RecordingRouter(IIntentRouter inner) : IIntentRouter
    {
        public IReadOnlyDictionary<string, double>? LastWeights { get; private set; }

        public List<(string? ContextTopic, IReadOnlyDictionary<string, double>? Weights)> Calls { get; } = [];

        public RoutedIntent Route(string text, string? contextTopic = null, IReadOnlyDictionary<string, double>? topicWeights = null, string? conversationLanguage = null, IReadOnlySet<string>? ruledOut = null)
        {
            LastWeights = topicWeights;
            Calls.Add((contextTopic, topicWeights));
            return inner.Route(text, contextTopic, topicWeights, conversationLanguage, ruledOut);
        }
    }
}
