using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Turns;

/// <summary>
/// How one channel can show a reply's buttons: how many suggested actions it displays and of which action type, and how
/// many buttons fit on one hero card. Numbers follow the Bot Framework channel feature table (botbuilder's
/// <c>Channel.SupportsSuggestedActions</c> and <c>SupportsCardActions</c>) and Teams' own rules: at most three suggested
/// actions, imBack only, in personal chats; none in group chats and channels.
/// </summary>
/// <param name="SuggestedActions">Suggested actions shown at most; 0 when the channel shows none.</param>
/// <param name="SuggestedType">The action type suggested actions use.</param>
/// <param name="CardButtons">Buttons on one hero card; a longer menu is split over several cards.</param>
/// <param name="CardType">The action type hero card buttons use.</param>
public sealed record ButtonLayout(int SuggestedActions, string SuggestedType, int CardButtons, string CardType)
{
    private static readonly ButtonLayout Rich = new(100, ActionTypes.PostBack, 100, ActionTypes.PostBack);

    public static ButtonLayout For(string? channelId, string? conversationType) => channelId switch
    {
        // postBack: the value reaches the bot and the press is not shown as a message (Web Chat sends it as text).
        ChannelIds.DirectLine or ChannelIds.DirectLineSpeech or ChannelIds.WebChat or ChannelIds.Emulator
            or ChannelIds.Test or ChannelIds.Telegram => Rich,

        // Teams: suggested actions are imBack only (the title is sent as the user's message), three at most, and only
        // in personal chats. Card buttons use messageBack: the user sees the title, the bot receives the value.
        ChannelIds.Teams => new(
            string.Equals(conversationType, "personal", StringComparison.OrdinalIgnoreCase) ? 3 : 0,
            ActionTypes.ImBack,
            6,
            ActionTypes.MessageBack),

        ChannelIds.Facebook or ChannelIds.Skype => new(10, ActionTypes.PostBack, 3, ActionTypes.PostBack),
        ChannelIds.Line => new(13, ActionTypes.PostBack, 99, ActionTypes.PostBack),
        ChannelIds.Kik => new(20, ActionTypes.PostBack, 20, ActionTypes.PostBack),
        ChannelIds.Slack => new(0, ActionTypes.PostBack, 100, ActionTypes.PostBack),

        // A channel the table does not know: the most widely supported form, a small hero card.
        _ => new(0, ActionTypes.PostBack, 3, ActionTypes.PostBack),
    };
}
