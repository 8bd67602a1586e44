using PreventionBot.Core.Content;
using PreventionBot.Core.Understanding;
using PreventionBot.Core.Understanding.Evaluation;

namespace PreventionBot.Core.Tests.Understanding;

public sealed class IntentRouterTests
{
    // The shipped router, trained once for all the tests that use it.
    private static readonly Lazy<IntentRouter> Router = new(() => Conversation.ConversationEngineTests.Router);

    [Fact]
    public void Lexicon_matches_are_certain_and_name_their_reason()
    {
        var routed = Router.Value.Route("i want to end it all");
        Assert.Equal(TopicIds.Crisis, routed.TopicId);
        Assert.Equal(RouteReason.SafetyLexicon, routed.Reason);
        Assert.Equal(1.0, routed.Confidence);
    }

    [Fact]
    public void The_classifier_routes_ordinary_questions()
    {
        var routed = Router.Value.Route("is this chat anonymous?");
        Assert.Equal(TopicIds.Privacy, routed.TopicId);
        Assert.Equal(RouteReason.Classifier, routed.Reason);
    }

    [Fact]
    public void Gibberish_is_below_threshold_with_three_candidates()
    {
        var routed = Router.Value.Route("qzxv wplk");
        Assert.Null(routed.TopicId);
        Assert.Equal(RouteReason.BelowThreshold, routed.Reason);
        Assert.Equal(3, routed.Candidates.Count);
        Assert.True(routed.Confidence < Router.Value.ConfidenceThreshold);
        Assert.True(routed.Candidates[0].Score >= routed.Candidates[1].Score);
    }

    [Fact]
    public void Training_is_deterministic()
    {
        var other = IntentRouter.Load(DialogsDirectory.Locate());
        foreach (var text in new[] { "how do i talk to my son about nudify apps", "hello", "my husband has images", "qzxv" })
        {
            Assert.Equal(Router.Value.Route(text), other.Route(text), RoutedIntentComparer.Instance);
        }
    }

    [Fact]
    public void A_reordered_training_run_reads_held_out_messages_almost_the_same()
    {
        // Another seed reorders every epoch as adding one training example does. With the last weights alone, 26 of the
        // 617 held-out readings changed (and about one study message in eight); averaged, 6 (docs/quality.md).
        var reordered = IntentRouter.Load(
            DialogsDirectory.Locate(), new IntentRouterOptions { Classifier = new IntentClassifierOptions { Seed = 7 } });
        var texts = UnderstandingContent.LoadTestSet(DialogsDirectory.Locate(), UnderstandingContent.LoadTrainingExamples(DialogsDirectory.Locate()))
            .Select(item => item.Text)
            .ToList();

        var changed = texts.Count(text => Router.Value.Route(text).Intent != reordered.Route(text).Intent);

        Assert.True(changed <= texts.Count * 0.025, $"{changed} of {texts.Count} held-out readings changed with the seed");
    }

    [Fact]
    public void Eval_command_passes_and_writes_a_report()
    {
        var report = Path.Combine(Path.GetTempPath(), $"intent-eval-{Guid.NewGuid():N}.json");
        using var output = new StringWriter();
        try
        {
            var exitCode = EvalCommand.Run(DialogsDirectory.Locate(), report, 3, output);
            Assert.True(exitCode == 0, output.ToString());
            Assert.Contains("\"macro_f1\"", File.ReadAllText(report), StringComparison.Ordinal);
            Assert.Contains("confusion matrix", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(report);
        }
    }

    private sealed class RoutedIntentComparer : IEqualityComparer<RoutedIntent>
    {
        public static readonly RoutedIntentComparer Instance = new();

        public bool Equals(RoutedIntent? x, RoutedIntent? y) =>
            x is not null && y is not null && x.TopicId == y.TopicId && x.Confidence.Equals(y.Confidence)
            && x.Reason == y.Reason && x.Candidates.SequenceEqual(y.Candidates);

        public int GetHashCode(RoutedIntent obj) => obj.TopicId?.GetHashCode(StringComparison.Ordinal) ?? 0;
    }

    [Theory]
    [InlineData("my son keeps saying he wants to die")]
    [InlineData("my daughter is 15 and she told me she wants to kill herself")]
    [InlineData("my boyfriend says hell kill himself if i leave")]
    // A phrase or rule with no subject close before it, in a sentence that names someone else and never the writer
    // (twenty-seventh study: a father asking for a line for his son).
    [InlineData("is there a number for him or for us where we can call tonight, about the suicide thing?")]
    // Study 74: a grandmother about her granddaughter.
    [InlineData("my granddaughter says her life is ruined. I am frightened she might do something silly")]
    [InlineData("my niece wants to die, she told me last night")]
    [InlineData("im worried my granddaughter might do something silly")]
    // Someone else's own words, quoted (the study of session 40).
    [InlineData("my daughter texted me 'i just want to die' after the pictures went round school")]
    [InlineData("she said 'i just want to die mum' and locked herself in")]
    [InlineData("my student wrote in her journal 'i want to kill myself'")]
    [InlineData("my son texted me: im going to kill myself tonight")]
    [InlineData("he said before 'my life is over' and he locked his door")]
    // A quote with two of the lexicon's phrases: the second is in the same quote (study 113, a father in Melbourne).
    [InlineData("my son just messaged me from his room \"dad i cant do this anymore i want to die\" someone is blackmailing him")]
    public void A_crisis_about_someone_else_is_answered_for_the_reader(string text) =>
        Assert.Equal(IntentRouter.CrisisForSomeoneElse, Router.Value.Route(text).Intent);

    [Theory]
    [InlineData("he abused me and now i want to die")]
    [InlineData("i dont want to be here anymore, my wife would be better off without me")]
    [InlineData("I'd rather not be here")] // "here" stems to "her": never a reason to read the writer's crisis as someone else's
    [InlineData("my son found out and i want to die")]
    [InlineData("wants to die")]
    [InlineData("is there a suicide line i can call tonight")]
    [InlineData("suicide line number tonight?")]
    [InlineData("he said he wants to die and i want to die too")]
    // The review of session 31: a relative named after "about" is not the one in crisis.
    [InlineData("ive been having thoughts about my stepdaughter, want to die")]
    [InlineData("i hurt my stepson and dont want to be here anymore")]
    [InlineData("ive been having thoughts about my daughter, want to die")]
    // Words said to the writer, about the writer, and the writer's own words after a quote, are the writer's.
    [InlineData("he said i should just kill myself")]
    [InlineData("he told me to kill myself")]
    [InlineData("i told her i want to die")]
    [InlineData("she said no and i want to die")]
    [InlineData("they said i deserve to die and i want to kill myself")]
    [InlineData("my boyfriend said i would be better off dead and honestly i agree")] // session 35's withdrawn rule
    [InlineData("my son said he cant do this anymore and i want to die too")]
    // With no quotation mark or colon, a first person after "texting me" or "crying" is the writer's own (the review of
    // session 40: a sextorted teenager's despair read as someone else's crisis).
    [InlineData("he keeps texting me i just want to die")]
    [InlineData("he posted again i want to die")]
    [InlineData("they texted me again i cant do this anymore")]
    [InlineData("they arrested my husband this morning. the kids are crying i just want to die")]
    [InlineData("my boyfriend texted me last night i want to kill myself")]
    [InlineData("my dad yelled again, i want to die")]
    // "my life" is the writer's, whoever is named before it (study 111: a man afraid of arrest at "my mums house").
    [InlineData("if police turn up at work or my mums house thats it my life is over")]
    public void A_crisis_in_the_first_person_or_with_no_subject_is_the_writers(string text) =>
        Assert.Equal(TopicIds.Crisis, Router.Value.Route(text).Intent);

    [Theory]
    [InlineData("im not suicidal lol")]
    [InlineData("I'm not suicidal, I just meant I'm stressed")]
    [InlineData("im not feeling suicidal, just fed up")]
    [InlineData("no no I am not suicide. I ask about the police for my daughter")]
    [InlineData("i dont mean like kill myself i just dont know what to do")]
    public void A_denial_is_not_a_crisis(string text)
    {
        var routed = Router.Value.Route(text);
        Assert.NotEqual(TopicIds.Crisis, routed.TopicId);
        Assert.DoesNotContain(routed.Candidates, c => c.TopicId == TopicIds.Crisis);
        Assert.True(routed.DeniesCrisis);
    }

    [Theory]
    [InlineData("im not suicidal but i want to die")]
    [InlineData("i'm not suicidal, i just can't cope anymore")]
    [InlineData("not suicidal. at least then it would be over though")]
    [InlineData("ive never been suicidal before but now i am")]
    [InlineData("i keep wondering whether or not suicide is the answer")]
    public void A_denial_beside_a_crisis_phrase_is_still_a_crisis(string text) =>
        Assert.Equal(TopicIds.Crisis, Router.Value.Route(text).Intent);

    [Fact]
    public void Beside_an_emergency_only_a_question_is_a_second_intent()
    {
        Assert.Null(Router.Value.Route("please help my partner is hurting my daughter right now. hes bigger than me").Secondary);
        Assert.Equal(TopicIds.Privacy, Router.Value.Route("a man is hurting a child next door right now. is this chat anonymous?").Secondary);
    }

    /// <summary>Study 83: a child crying while a man silences her, a boy who wants it all to be over, and a request for
    /// servers with "young stuff" are safety messages; a child crying non-stop and a door knocked on are not.</summary>
    [Theory]
    [InlineData("im at a motel and through the wall theres a man and a little girl she keeps crying no stop and hes telling her shut up be quiet", "emergency")]
    [InlineData("i cant breathe honestly i just want this all to be over", "crisis")]
    [InlineData("anyone know some discord servers with young stuff? lookin for invites", "deterrence")]
    [InlineData("my daughter keeps crying no stop when i do her hair", null)]
    [InlineData("my friend is at the door, should i knock or text her", null)]
    public void Study_83s_safety_messages_are_read_and_its_ordinary_ones_are_not(string text, string? safety)
    {
        var routed = Router.Value.Route(text);
        Assert.Equal(safety, routed.Reason == RouteReason.SafetyLexicon ? routed.Intent : null);
    }

    /// <summary>Study 101: a man from online who will wait for a child after school tomorrow is an emergency; a grandparent,
    /// a parent or a friend meeting a child tomorrow is not, nor a meeting asked for at the weekend (the parents' grooming
    /// reply, graded right in studies 62 and 65).</summary>
    [Theory]
    [InlineData("he knows what school shes in and he said hed wait for her outside after school tomorrow", "emergency")]
    [InlineData("the guy from the game is going to be outside her school tomorrow at 3", "emergency")]
    [InlineData("my dad is going to wait for her outside after school tomorrow", null)]
    [InlineData("her friend wants to meet her after school tomorrow", null)]
    [InlineData("grandma wants to meet him on saturday", null)]
    [InlineData("hes been asking her for pictures and wants to meet her at the shopping centre on saturday", null)]
    public void A_meeting_set_up_by_someone_from_online_is_an_emergency(string text, string? safety)
    {
        var routed = Router.Value.Route(text);
        Assert.Equal(safety, routed.Reason == RouteReason.SafetyLexicon ? routed.Intent : null);
    }

    /// <summary>Session 32: the writer's own crisis said with an emergency keeps its line, after the emergency's steps.</summary>
    [Theory]
    [InlineData("hes abusing my little sister right now and i want to kill myself")]
    [InlineData("she is being touched right now, i cant live with this")]
    // The review of session 32: the child in danger was missed when the crisis words won.
    [InlineData("my dad is touching me right now and i want to die")]
    [InlineData("my husband is in our daughters room right now doing something to her, i want to die")]
    public void Beside_an_emergency_the_writers_own_crisis_is_the_second_intent(string text)
    {
        var routed = Router.Value.Route(text);
        Assert.Equal(TopicIds.Emergency, routed.Intent);
        Assert.Equal(TopicIds.Crisis, routed.Secondary);
    }

    /// <summary>Twenty-seventh study: a 15-year-old who would rather be dead, behind a locked door, got the emergency reply and
    /// then the steps for someone worried about another adult ("don't confront or warn the person").</summary>
    [Fact]
    public void Beside_an_emergency_someone_elses_crisis_is_the_second_intent()
    {
        var routed = Router.Value.Route(
            "it is my SON who said he would rather be dead. he is in his room and wont open the door. should I break the door?");
        Assert.Equal(TopicIds.Emergency, routed.Intent);
        Assert.Equal(IntentRouter.CrisisForSomeoneElse, routed.Secondary);
    }
}
