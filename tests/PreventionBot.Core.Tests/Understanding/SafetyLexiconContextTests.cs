using PreventionBot.Core.Tests.Conversation;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Core.Tests.Understanding;

/// <summary>
/// Safety phrases read in context: a seeking rule with its own unless list fires beside words that silence the
/// rest of the lexicon ("class"), but not for a victim or a parent; emergency phrases said in the negative do not
/// count. Through the shipped router, which splits messages into sentences as a live turn does.
/// </summary>
public sealed class SafetyLexiconContextTests
{
    private static readonly IntentRouter Router = ConversationEngineTests.Router;

    [Theory]
    [InlineData("lol how do u make a nude of someone with an ai app. asking for a mate. theres this girl in my class")]
    [InlineData("no im not a teacher lol. i just want to know which app makes her look naked. shes 15")]
    [InlineData("im asking if i would actually get in trouble if i made one of her. she's in my year at school")]
    public void Asking_how_to_make_a_nude_of_someone_is_seeking_even_beside_school_words(string text) =>
        Assert.Equal(TopicIds.Deterrence, Router.Route(text).Intent);

    [Theory]
    [InlineData("how do i make the nudes of me go away")]
    [InlineData("a boy in my class used an app to make a nude of me")]
    [InlineData("my son asked me how to make a nude of a girl in his class")]
    [InlineData("I just found out my 13 year old son used some app to make fake nude pictures of girls in his class")]
    public void A_victim_or_a_parent_describing_it_is_not_seeking(string text) =>
        Assert.NotEqual(TopicIds.Deterrence, Router.Route(text).Intent);

    [Theory]
    [InlineData("nobody is hurting me. i just want to talk to someone about the stuff im watching and stop")]
    [InlineData("no one is being hurt, its not an emergency, i just need advice")]
    public void An_emergency_said_in_the_negative_is_not_an_emergency(string text) =>
        Assert.NotEqual(TopicIds.Emergency, Router.Route(text).Intent);

    [Theory]
    [InlineData("she goes home to him tonight. im really scared for her. is that an emergency?")]
    [InlineData("hes back in about an hour. do i ring 999 or 101?")]
    public void A_child_going_home_to_the_abuser_tonight_or_asking_whether_to_ring_999_is_an_emergency(string text) =>
        Assert.Equal(TopicIds.Emergency, Router.Route(text).Intent);

    [Fact]
    public void Knowing_the_child_in_a_picture_is_not_read_as_an_emergency_by_the_999_rule() =>
        Assert.NotEqual(TopicIds.Emergency, Router.Route("do i call 911 if i know the kid in the picture").Intent);

    [Theory]
    [InlineData("sometimes i think it would be easier if i just wasnt here")]
    [InlineData("it would be easier for everyone if i was gone")]
    public void It_would_be_easier_if_i_wasnt_here_is_a_crisis(string text) =>
        Assert.Equal(TopicIds.Crisis, Router.Route(text).Intent);
}
