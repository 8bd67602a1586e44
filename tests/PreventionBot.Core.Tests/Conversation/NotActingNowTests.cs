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
}
