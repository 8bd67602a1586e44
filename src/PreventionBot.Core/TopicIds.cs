namespace PreventionBot.Core;

/// <summary>The stable topic ids: a contract with tests, analytics and web clients
/// (they travel as <c>channelData.topic</c> on every reply).</summary>
public static class TopicIds
{
    public const string Welcome = "welcome";
    public const string Deterrence = "deterrence";
    public const string SelfHelp = "self-help";
    public const string Law = "law";
    public const string ConcernOther = "concern-other";
    public const string ParentsEducators = "parents-educators";
    public const string YoungPerson = "young-person";
    public const string VictimSupport = "victim-support";
    public const string Report = "report";
    public const string Crisis = "crisis";
    public const string Emergency = "emergency";
    public const string Privacy = "privacy";
    public const string OutOfScope = "out-of-scope";

    /// <summary>Housekeeping replies that belong to no topic: errors, clarifying questions, the country question.</summary>
    public const string System = "system";

    public static readonly IReadOnlyList<string> All =
    [
        Welcome, Deterrence, SelfHelp, Law, ConcernOther, ParentsEducators, YoungPerson,
        VictimSupport, Report, Crisis, Emergency, Privacy, OutOfScope,
    ];
}
