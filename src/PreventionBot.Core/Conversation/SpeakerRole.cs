namespace PreventionBot.Core.Conversation;

/// <summary>
/// Who the bot believes it is talking to. A reply may carry a variant per role (dialogs/README.md,
/// "Audience variants"); <see cref="Unknown"/> always gets the reply's default text, which must be safe
/// for anyone. The YAML ids are a contract with content and state: see <see cref="SpeakerRoles"/>.
/// </summary>
public enum SpeakerRole
{
    Unknown,

    /// <summary>Worried about their own sexual thoughts, urges or viewing (offender side).</summary>
    Self,

    /// <summary>Seeking sexual images of children, tools or prompts (offender side).</summary>
    Seeker,

    /// <summary>Worried about another adult: partner, relative, friend, colleague.</summary>
    ConcernedOther,

    /// <summary>A witness to abuse or danger happening now.</summary>
    Bystander,

    /// <summary>Parent or carer of a child who was harmed or targeted.</summary>
    ParentOfVictim,

    /// <summary>Parent or carer of a child who harmed someone (for example made a deepfake of a classmate).</summary>
    ParentOfHarmer,

    /// <summary>Educator, social worker, youth leader or other professional.</summary>
    Professional,

    /// <summary>Under 18.</summary>
    YoungPerson,

    /// <summary>An adult survivor of abuse or of image abuse, including adult deepfake victims.</summary>
    Survivor,

    /// <summary>Someone who came across abuse material by accident.</summary>
    Finder,

    /// <summary>Under 18, and shared or made a sexual image of someone else: a <see cref="YoungPerson"/> whose questions
    /// ("should i delete it", "will the cops come") are about what they did, not about being hurt.</summary>
    YoungSharer,

    /// <summary>Under 18, and did something sexual to another child (a younger brother, sister or cousin): a
    /// <see cref="YoungPerson"/> whose questions ("will i go to prison", "should i tell my mum") are about what they did,
    /// and who must never be told "it's not your fault".</summary>
    YoungHarmer,

    /// <summary>A <see cref="Bystander"/> who hears it from their own home, through a wall, floor or ceiling: the steps for
    /// a witness out in public (a driver, staff, a vehicle's registration) do not fit them.</summary>
    Neighbour,

    /// <summary>A <see cref="Bystander"/> who sees someone near them, on a bus or a train, look at abuse of a child on a
    /// phone or screen: no child is there to get away, and what they need is not to copy it and what to tell the police,
    /// then or once the person has gone.</summary>
    ScreenWitness,

    /// <summary>An adult who says he sexually harmed a child (a niece he looked after, a stepdaughter): a <see cref="Self"/>
    /// whose questions ("do i have to tell my wife", "should i hand myself in", "does she even remember") are about what he
    /// did, not thoughts, and must never be met with "it doesn't make you a monster" or "before it happens".</summary>
    Harmer,
}

/// <summary>
/// The kebab-case ids of <see cref="SpeakerRole"/> as written in <c>variants: - for: [...]</c> and kept in
/// state. Kept beside the enum because the two must change together.
/// </summary>
public static class SpeakerRoles
{
    private static readonly Dictionary<SpeakerRole, string> Ids = new()
    {
        [SpeakerRole.Self] = "self",
        [SpeakerRole.Seeker] = "seeker",
        [SpeakerRole.ConcernedOther] = "concerned-other",
        [SpeakerRole.Bystander] = "bystander",
        [SpeakerRole.ParentOfVictim] = "parent-of-victim",
        [SpeakerRole.ParentOfHarmer] = "parent-of-harmer",
        [SpeakerRole.Professional] = "professional",
        [SpeakerRole.YoungPerson] = "young-person",
        [SpeakerRole.Survivor] = "survivor",
        [SpeakerRole.Finder] = "finder",
        [SpeakerRole.YoungSharer] = "young-sharer",
        [SpeakerRole.YoungHarmer] = "young-harmer",
        [SpeakerRole.Neighbour] = "neighbour",
        [SpeakerRole.ScreenWitness] = "screen-witness",
        [SpeakerRole.Harmer] = "harmer",
    };

    private static readonly Dictionary<string, SpeakerRole> ById =
        Ids.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every role a variant may name (all but <see cref="SpeakerRole.Unknown"/>), in declaration order.</summary>
    public static IReadOnlyList<SpeakerRole> Known { get; } = [.. Ids.Keys];

    /// <summary>Every YAML id, in declaration order, for error messages and schemas.</summary>
    public static IReadOnlyList<string> KnownIds { get; } = [.. Ids.Values];

    /// <summary>The YAML id; <c>unknown</c> for <see cref="SpeakerRole.Unknown"/> (never valid in a variant).</summary>
    public static string ToId(this SpeakerRole role) => Ids.TryGetValue(role, out var id) ? id : "unknown";

    /// <summary>Parses a YAML id (exact, lower case). <c>unknown</c> and anything else not listed return false.</summary>
    public static bool TryParse(string? id, out SpeakerRole role)
    {
        if (id is not null && ById.TryGetValue(id, out role))
        {
            return true;
        }

        role = SpeakerRole.Unknown;
        return false;
    }

    /// <summary>
    /// The two audiences that may be shown offender-side lines (prevention-line offers, "if you're afraid you
    /// might harm a child"). Everyone else must not be (shared contract, spec §1).
    /// </summary>
    public static bool IsOffenderSide(this SpeakerRole role) => role.IsSelf() || role == SpeakerRole.Seeker;

    /// <summary><see cref="SpeakerRole.Self"/> and the role within it (<see cref="SpeakerRole.Harmer"/>): someone worried about
    /// their own thoughts or behaviour, who gets the self-help replies.</summary>
    public static bool IsSelf(this SpeakerRole role) => role.IsWithin(SpeakerRole.Self);

    /// <summary>Only <see cref="SpeakerRole.YoungPerson"/> and the roles within it are known to be under 18; every other
    /// named role is an adult.</summary>
    public static bool IsUnder18(this SpeakerRole role) => role.IsWithin(SpeakerRole.YoungPerson);

    /// <summary><see cref="SpeakerRole.Bystander"/> and the roles within it (a neighbour, one who saw it on a screen): a witness.</summary>
    public static bool IsBystander(this SpeakerRole role) => role.IsWithin(SpeakerRole.Bystander);

    /// <summary>True for <paramref name="broad"/> itself and for the roles that narrow it.</summary>
    private static bool IsWithin(this SpeakerRole role, SpeakerRole broad) => role == broad || role.Broader() == broad;

    /// <summary>The role this one narrows, or <see cref="SpeakerRole.Unknown"/>. A narrower role gets the broader one's
    /// variants and redirects wherever the content has none of its own, and a statement of the broader role ("im 14")
    /// keeps it.</summary>
    public static SpeakerRole Broader(this SpeakerRole role) => role switch
    {
        SpeakerRole.YoungSharer or SpeakerRole.YoungHarmer => SpeakerRole.YoungPerson,
        SpeakerRole.Neighbour or SpeakerRole.ScreenWitness => SpeakerRole.Bystander,
        SpeakerRole.Harmer => SpeakerRole.Self,
        _ => SpeakerRole.Unknown,
    };
}
