using PreventionBot.Core.Content;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Host.Cli;

/// <summary><c>-- validate</c>: every check a content reviewer's change must pass, with file and key.</summary>
public static class ContentCommands
{
    public static int Validate(string dialogsDirectory, TextWriter output)
    {
        var problems = ContentLoader.Validate(dialogsDirectory).ToList();
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

        output.WriteLine(problems.Count == 0
            ? $"dialogs/ is valid ({dialogsDirectory})."
            : $"{problems.Count} problem(s) in {dialogsDirectory}.");
        return problems.Count == 0 ? 0 : 1;
    }
}
