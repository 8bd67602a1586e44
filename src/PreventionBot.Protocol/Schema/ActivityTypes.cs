namespace PreventionBot.Protocol.Schema;

/// <summary>Wire strings, compared ordinally as the spec requires.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Event = "event";
    public const string Typing = "typing";
    public const string EndOfConversation = "endOfConversation";
    public const string Invoke = "invoke";
}

public static class InputHints
{
    public const string AcceptingInput = "acceptingInput";
    public const string ExpectingInput = "expectingInput";
    public const string IgnoringInput = "ignoringInput";
}

public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string ExpectReplies = "expectReplies";
}

public static class ActionTypes
{
    public const string PostBack = "postBack";
    public const string ImBack = "imBack";
    public const string MessageBack = "messageBack";
    public const string OpenUrl = "openUrl";
}
