namespace PreventionBot.Core.Content;

/// <summary>
/// Turns <c>dialogs/</c> into <see cref="BotContent"/> in three steps, each its own class: read the YAML
/// (<see cref="ContentReader"/>), check it (<see cref="ContentValidator"/>) and render every reply for every
/// jurisdiction (<see cref="ContentRenderer"/>). All three always run, so one run lists every mistake.
/// <see cref="Load"/> throws on any error so the host never starts with broken content; <see cref="Validate"/>
/// lists errors and warnings for the <c>validate</c> command.
/// </summary>
public static class ContentLoader
{
    public static BotContent Load(string dialogsDirectory)
    {
        var (content, problems) = Compile(dialogsDirectory, TimeProvider.System);
        var errors = problems.Where(p => !p.IsWarning).ToList();
        return errors.Count == 0 && content is not null ? content : throw new ContentException(errors);
    }

    /// <summary>Every error and warning, in file order; <paramref name="clock"/> dates the "not checked for a year" warning.</summary>
    public static IReadOnlyList<ContentProblem> Validate(string dialogsDirectory, TimeProvider? clock = null) =>
        Compile(dialogsDirectory, clock ?? TimeProvider.System).Problems;

    private static (BotContent? Content, List<ContentProblem> Problems) Compile(string dialogsDirectory, TimeProvider clock)
    {
        var problems = new List<ContentProblem>();
        var source = ContentReader.Read(dialogsDirectory, problems);
        ContentValidator.Check(source, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), problems);
        var content = ContentRenderer.Render(source, problems);
        return (content, problems);
    }
}
