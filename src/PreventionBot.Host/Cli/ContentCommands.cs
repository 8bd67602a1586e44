using PreventionBot.Core.Content;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Host.Cli;

/// <summary>
/// <c>-- validate</c>: every check a content reviewer's change must pass, with file and key. Lists every
/// problem in one run; warnings (such as a fact not checked for a year) are shown but do not fail it.
/// </summary>
public static class ContentCommands
{
    public static int Validate(string dialogsDirectory, TextWriter output, TimeProvider? clock = null)
    {
        var problems = ContentLoader.Validate(dialogsDirectory, clock).ToList();
        try
        {
            var router = IntentRouter.Load(dialogsDirectory);
            if (problems.Count == 0)
            {
                // The cues name replies, so they can only be checked against content that loads.
                ConversationCues.Load(dialogsDirectory, ContentLoader.Load(dialogsDirectory), router.Languages);
            }
        }
        catch (ContentException e)
        {
            problems.AddRange(e.Problems);
        }

        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }

        var errors = problems.Count(p => !p.IsWarning);
        var warnings = problems.Count - errors;
        output.WriteLine(errors == 0
            ? $"dialogs/ is valid ({dialogsDirectory}){(warnings > 0 ? $", with {warnings} warning(s)" : string.Empty)}."
            : $"{errors} problem(s){(warnings > 0 ? $" and {warnings} warning(s)" : string.Empty)} in {dialogsDirectory}.");
        return errors == 0 ? 0 : 1;
    }
}
