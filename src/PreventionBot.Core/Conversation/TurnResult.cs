using PreventionBot.Core.Content;

namespace PreventionBot.Core.Conversation;

/// <summary>What the bot says back in one turn, and in which locale.</summary>
public sealed record TurnResult(IReadOnlyList<BotReply> Replies, string Locale)
{
    public static TurnResult Silent(string locale) => new([], locale);
}
