using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Turns;

/// <summary>
/// The bot's one identity where the host itself is the channel (Direct Line) and wherever a channel did not say who
/// the bot is. Replies on Bot Connector channels answer as the channel's own <c>recipient</c> (Teams' <c>28:…</c> id).
/// </summary>
public sealed class BotIdentity
{
    public const string DefaultId = "preventionbot";
    public const string DefaultName = "PreventionBot";

    public string Id { get; init; } = DefaultId;

    public string Name { get; init; } = DefaultName;

    /// <summary>A fresh account each time: activities are mutable and must not share one.</summary>
    public ChannelAccount Account() => new() { Id = Id, Name = Name, Role = "bot" };
}
