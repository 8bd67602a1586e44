using Microsoft.Extensions.Logging.Abstractions;
using PreventionBot.Core.Content;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Storage;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Core.Tests.Conversation;

/// <summary>
/// A turn normalises the message once and hands that to every reader (speaker, follow-up, thanks, safe,
/// typed button titles). These pin that the readings are the ones each reader used to get by normalising
/// the raw text itself, on messy input as people type it.
/// </summary>
public sealed class NormaliseOnceTests
{
    // The shipped dialogs/, router and cues, trained once for all the engine tests.
    private static readonly BotContent Content = ConversationEngineTests.Content;
    private static readonly IntentRouter Router = ConversationEngineTests.Router;
    private static readonly ConversationCues Cues = ConversationEngineTests.Cues;

    public static TheoryData<string> Messages() =>
    [
        "ok what now",
        "OK... WHAT NOW??",
        "thank you so much!!",
        "Thanks, that's all x",
        "she's safe now",
        "The child is SAFE now, police are here",
        "go back",
        "yes",
        "nope",
        "start again",
        "I'm a parent and my son's friend sent him a pic",
        "i am 14 and someone has my nudes",
        "Actually I'm 32, not a kid",
        "I'm a teacher. A pupil showed me a deepfake.",
        "my partner was arrested",
        "I w0rry ab0ut my own th0ughts",
        "  lots   of    spaces   ",
        "émoji 😢 and accents: café",
        "",
        "?!",
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_cue_reads_the_same_from_one_normalisation(string text)
    {
        var once = NormalisedText.Of(text);

        foreach (var current in Enum.GetValues<SpeakerRole>())
        {
            Assert.Equal(Cues.RoleAfter(text, current), Cues.RoleAfter(once, current));
        }

        Assert.Equal(Cues.FollowUpOf(text), Cues.FollowUpOf(once));
        Assert.Equal(Cues.SaysThanks(text), Cues.SaysThanks(once));
        Assert.Equal(Cues.SaysSafe(text), Cues.SaysSafe(once, SpeakerRole.Unknown));
    }

    [Fact]
    public async Task A_typed_button_title_is_followed_however_it_is_typed_and_again_from_the_cached_title()
    {
        var engine = new ConversationEngine(
            Content, Router, Cues, new InMemoryConversationStore(), TimeProvider.System, new ConversationOptions(),
            NullLogger<ConversationEngine>.Instance);

        foreach (var conversation in new[] { "a", "b" })
        {
            var law = await engine.HandleAsync(new TurnRequest(conversation, TurnKind.Message, "#law", "en-GB"), default);
            var button = law.Replies[0].Actions[0];

            var typed = await engine.HandleAsync(
                new TurnRequest(conversation, TurnKind.Message, "  " + button.Title.ToUpperInvariant() + "!! ", "en-GB"), default);

            Assert.Equal(button.Value[1..], typed.Replies[0].Ref);
        }
    }
}
