namespace PreventionBot.Core.Conversation;

/// <summary>References of the housekeeping replies in <c>dialogs/system.yaml</c>.</summary>
public static class SystemReplies
{
    public const string Error = "system/error";
    public const string TooLong = "system/too-long";
    public const string Clarify = "system/clarify";

    /// <summary>A second clarifying question in a row, in other words: the same words twice read as a machine stuck.</summary>
    public const string ClarifyAgain = "system/clarify-again";
    public const string AskCountry = "system/ask-country";
    public const string CountrySet = "system/country-set";
    public const string NotAccepted = "system/not-accepted";
    public const string Deleted = "system/deleted";

    /// <summary>"thanks", "bye": a warm close that leaves the door open.</summary>
    public const string Thanks = "system/thanks";

    /// <summary>"no", or a follow-up with no next step to offer: what else the bot can help with.</summary>
    public const string AnythingElse = "system/anything-else";

    /// <summary>Before the answer to a question asked during a crisis: the crisis line, kept in sight.</summary>
    public const string CrisisReminder = "system/crisis-reminder";

    /// <summary>"I'm not suicidal": a crisis the person says isn't there, accepted, with the line kept in sight.</summary>
    public const string CrisisDenied = "system/crisis-denied";

    /// <summary>Before the answer to a question asked once help has been called for a child: the emergency number, kept in sight.</summary>
    public const string EmergencyReminder = "system/emergency-reminder";

    /// <summary>Before the answer to a question asked while someone else's life is at risk: their lines, kept in sight.</summary>
    public const string SomeoneElseReminder = "system/someone-else-reminder";

    public static readonly IReadOnlyList<string> All = [Error, TooLong, Clarify, ClarifyAgain, AskCountry, CountrySet, NotAccepted, Deleted, Thanks, AnythingElse, CrisisReminder, CrisisDenied, EmergencyReminder, SomeoneElseReminder];
}
