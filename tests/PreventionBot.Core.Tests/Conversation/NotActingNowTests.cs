using PreventionBot.Core.Conversation;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Core.Tests.Conversation;

/// <summary>
/// "I'm not going to do anything" during one's own crisis leaves room for a question; the same words hedged ("tonight i dont
/// think", study 84) do not, and a hedge elsewhere in the message ("ill probably ring them tomorrow") does not cancel them.
/// </summary>
public sealed class NotActingNowTests
{
    private static readonly ConversationCues Cues = ConversationEngineTests.Cues;

    [Theory]
    [InlineData("im not going to do anything tonight. is stop it now anonymous", true)]
    [InlineData("im not going to do anything tonight. ill probably ring them tomorrow, what time do they open", true)]
    [InlineData("im not going to do anything tonight i dont think. is there something i can text", false)]
    [InlineData("im not gonna do anything, probably wont do anything anyway. hopefully not", false)]
    [InlineData("what time does the line open", false)]
    public void A_hedged_statement_is_not_taken_as_not_acting(string message, bool notActing) =>
        Assert.Equal(notActing, Cues.SaysNotActingNow(NormalisedText.Of(message)));

    [Theory]
    [InlineData("im ok now", true)]
    [InlineData("im ok now i dont think ill do anything. is the chat anonymous", false)]
    public void A_hedged_safe_is_not_safe(string message, bool safe) => Assert.Equal(safe, Cues.SaysSafe(message));

    /// <summary>Sessions 35-36: for someone who saw abuse on a stranger's screen, no child there is not the danger passing
    /// (the man may be beside them) and his getting off is; for anyone else the reverse, since a child may have gone with
    /// him. A hedge cancels either.</summary>
    [Theory]
    [InlineData("theres no kid here its on his phone", SpeakerRole.ScreenWitness, false)]
    [InlineData("theres no kid here its on his phone", SpeakerRole.Bystander, true)]
    [InlineData("he just got off the bus. is it too late", SpeakerRole.ScreenWitness, true)]
    [InlineData("he just got off the bus. is it too late", SpeakerRole.Bystander, false)]
    [InlineData("he just got off the bus with a little girl", SpeakerRole.ScreenWitness, false)]
    [InlineData("theres no child here but hes still next to me", SpeakerRole.Bystander, false)]
    public void Safe_depends_on_who_saw_what(string message, SpeakerRole role, bool safe) =>
        Assert.Equal(safe, Cues.SaysSafe(NormalisedText.Of(message), role));
}
