using Microsoft.Extensions.Logging.Abstractions;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Storage;

namespace PreventionBot.Core.Tests.Conversation;

/// <summary>
/// Someone worried about their own sexual thoughts about children who writes in another language (user studies:
/// German, French and Dutch speakers got "this chat is only in English"): the <c>self</c> reply in their language,
/// its second wording next, and again whatever they write next in that language, while a crisis in the same
/// message still comes first. These run the shipped dialogs/, router and cues.
/// </summary>
public sealed class LanguageSelfHelpTests
{
    private readonly ConversationEngine _engine = new(
        ConversationEngineTests.Content, ConversationEngineTests.Router, ConversationEngineTests.Cues,
        new InMemoryConversationStore(), TimeProvider.System, new ConversationOptions(), NullLogger<ConversationEngine>.Instance);

    [Theory]
    [InlineData("Hallo. Ich habe manchmal sexuelle Gedanken über Kinder und das macht mir Angst", "de")]
    [InlineData("gibt es hilfe in deutschland für mich?", "de")]
    [InlineData("bin ich jetzt ein pädophiler?", "de")]
    [InlineData("bonjour. j'ai des pensées sexuelles sur des enfants et j'ai peur. je n'ai jamais rien fait", "fr")]
    [InlineData("ik maak me zorgen over mezelf. ik heb seksuele gedachten over kinderen", "nl")]
    [InlineData("tengo pensamientos sexuales sobre niños y no sé qué hacer", "es")]
    [InlineData("ho pensieri sessuali sui bambini e ho paura", "it")]
    [InlineData("tenho pensamentos sexuais sobre crianças e tenho medo", "pt")]
    [InlineData("mam myśli seksualne o dzieciach i boję się", "pl")]
    public async Task A_person_worried_about_their_own_thoughts_gets_the_self_reply_in_their_language(string text, string language)
    {
        var result = await SayAsync(text);

        Assert.Equal($"self-help/in-{language}", result.Replies[0].Ref);
        Assert.Equal(ConversationEngineTests.Router.Languages.Reply(language, "self"), result.Replies[0].Text);
        Assert.Equal(SpeakerRole.Self, result.Role);
    }

    [Fact]
    public async Task Writing_again_gets_the_second_wording_then_the_first()
    {
        Assert.Equal("self-help/in-de", (await SayAsync("Ich habe sexuelle Gedanken über Kinder")).Replies[0].Ref);
        Assert.Equal("self-help/still-in-de", (await SayAsync("bin ich jetzt ein pädophiler?")).Replies[0].Ref);
        Assert.Equal("self-help/in-de", (await SayAsync("ich fühle mich zu Kindern hingezogen")).Replies[0].Ref);
    }

    [Theory]
    [InlineData("Ich habe sexuelle Gedanken über Kinder", "danke. ich weiß nicht, ob ich das schaffe", "de")]
    [InlineData("j'ai des pensées sexuelles sur des enfants", "merci, mais je ne sais pas quoi faire maintenant", "fr")]
    [InlineData("ik heb seksuele gedachten over kinderen", "dank je, ik weet niet wat ik nu moet doen", "nl")]
    public async Task A_later_message_that_matches_nothing_gets_the_self_reply_again_not_other(string first, string later, string language)
    {
        Assert.Equal($"self-help/in-{language}", (await SayAsync(first)).Replies[0].Ref);

        var next = await SayAsync(later);

        Assert.Equal($"self-help/still-in-{language}", next.Replies[0].Ref);
        Assert.Equal(ConversationEngineTests.Router.Languages.Reply(language, "self-still"), next.Replies[0].Text);
    }

    [Theory]
    [InlineData("Ich habe sexuelle Gedanken über Kinder und will nicht mehr leben", "de")]
    [InlineData("j'ai des pensées sexuelles sur des enfants, je veux mourir", "fr")]
    public async Task A_crisis_in_the_same_message_still_gets_the_crisis_reply(string text, string language)
    {
        var result = await SayAsync(text);

        Assert.Equal($"crisis/in-{language}", result.Replies[0].Ref);
    }

    [Theory]
    [InlineData("mon mari a des pensées sexuelles sur des enfants, je ne sais pas quoi faire", "fr")]
    [InlineData("je crois que mon voisin est attiré par les enfants, il regarde les petites filles", "fr")]
    [InlineData("Mein Mann hat sexuelle Gedanken über Kinder, was soll ich tun?", "de")]
    [InlineData("ich glaube mein Nachbar ist pädophil, er schaut immer die Kinder an", "de")]
    public async Task A_parent_or_partner_writing_about_someone_else_does_not_get_the_self_reply(string text, string language)
    {
        var result = await SayAsync(text);

        Assert.NotEqual("self-help", result.Replies[0].TopicId);
        Assert.EndsWith("in-" + language, result.Replies[0].ReplyId, StringComparison.Ordinal);
        Assert.NotEqual(SpeakerRole.Self, result.Role);
    }

    private Task<TurnResult> SayAsync(string text) =>
        _engine.HandleAsync(new TurnRequest("k", TurnKind.Message, text, Locale: null), default);
}
