namespace PreventionBot.Protocol.Schema;

/// <summary>What a channel answers when an activity is posted to it.</summary>
public sealed class ResourceResponse
{
    public string? Id { get; set; }
}
