namespace PreventionBot.Core.Conversation;

/// <summary>
/// Who is speaking, as far as the conversation can tell. It decides which audience variant of a reply is
/// shown: a bystander to abuse must never get the safety plan written for someone afraid they might harm a
/// child, and a young person gets the youth line next to the adult one.
/// </summary>
public enum SpeakerRole
{
    Unknown,
    Self,
    Seeker,
    ConcernedOther,
    Bystander,
    ParentOfVictim,
    ParentOfHarmer,
    Professional,
    YoungPerson,
    Survivor,
    Finder,
}

/// <summary>The stable kebab-case ids content files and state use for <see cref="SpeakerRole"/>.</summary>
public static class SpeakerRoles
{
    private static readonly (SpeakerRole Role, string Id)[] Ids =
    [
        (SpeakerRole.Self, "self"),
        (SpeakerRole.Seeker, "seeker"),
        (SpeakerRole.ConcernedOther, "concerned-other"),
        (SpeakerRole.Bystander, "bystander"),
        (SpeakerRole.ParentOfVictim, "parent-of-victim"),
        (SpeakerRole.ParentOfHarmer, "parent-of-harmer"),
        (SpeakerRole.Professional, "professional"),
        (SpeakerRole.YoungPerson, "young-person"),
        (SpeakerRole.Survivor, "survivor"),
        (SpeakerRole.Finder, "finder"),
    ];

    public static IEnumerable<string> AllIds => Ids.Select(p => p.Id);

    public static string? ToId(SpeakerRole role) =>
        role == SpeakerRole.Unknown ? null : Ids.First(p => p.Role == role).Id;

    public static bool TryParse(string? id, out SpeakerRole role)
    {
        foreach (var (r, i) in Ids)
        {
            if (string.Equals(i, id, StringComparison.Ordinal))
            {
                role = r;
                return true;
            }
        }

        role = SpeakerRole.Unknown;
        return false;
    }

    /// <summary>Roles that may see offender-side lines and buttons (a safety plan, the prevention line for one's own thoughts).</summary>
    public static bool IsOffenderSide(SpeakerRole role) => role is SpeakerRole.Self or SpeakerRole.Seeker;
}
