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
    public const string DeleteUserData = "deleteUserData";
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

/// <summary>Channel ids the host treats specially (botframework-schema's <c>Channels</c>).</summary>
public static class ChannelIds
{
    public const string DirectLine = "directline";
    public const string DirectLineSpeech = "directlinespeech";
    public const string WebChat = "webchat";
    public const string Emulator = "emulator";
    public const string Test = "test";
    public const string Teams = "msteams";
    public const string Facebook = "facebook";
    public const string Skype = "skype";
    public const string Line = "line";
    public const string Kik = "kik";
    public const string Telegram = "telegram";
    public const string Slack = "slack";
}

public static class ActionTypes
{
    public const string PostBack = "postBack";
    public const string ImBack = "imBack";
    public const string MessageBack = "messageBack";
    public const string OpenUrl = "openUrl";
}
