namespace PreventionBot.Core.Conversation;

public sealed class ConversationOptions
{
    /// <summary>State is forgotten after this long without a turn (data minimisation).</summary>
    public TimeSpan StateExpiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Longer messages get a polite "please say it in a few sentences" (after the safety screen).</summary>
    public int MaxMessageLength { get; set; } = 5000;
}
