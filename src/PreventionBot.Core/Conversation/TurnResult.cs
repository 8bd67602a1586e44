using PreventionBot.Core.Content;

namespace PreventionBot.Core.Conversation;

/// <summary>What the bot says back in one turn, in which locale, and who it understood it was talking to.</summary>
public sealed record TurnResult(IReadOnlyList<BotReply> Replies, string Locale, SpeakerRole Role = SpeakerRole.Unknown)
{
    public static TurnResult Silent(string locale) => new([], locale);
}
