namespace PreventionBot.Protocol.Schema;

/// <summary>The body of a <c>deliveryMode: expectReplies</c> response: every activity the bot sent in the turn.</summary>
public sealed class ExpectedReplies
{
    public IList<Activity> Activities { get; set; } = [];
}
