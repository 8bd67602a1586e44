using PreventionBot.Core.Content;
using PreventionBot.Core.Understanding.Evaluation;

namespace PreventionBot.Host.Cli;

/// <summary>
/// The executable's commands for people working on content: <c>chat</c>, <c>validate</c>, <c>eval</c>. Anything else
/// (no arguments, or host settings such as <c>--urls</c>) runs the web host.
/// </summary>
public static class CommandLine
{
    /// <summary>The command's exit code, or null when the arguments are for the web host.</summary>
    public static async Task<int?> TryRunAsync(string[] args, TextReader input, TextWriter output)
    {
        switch (args.FirstOrDefault())
        {
            case "chat":
                return await TerminalChat.RunAsync(DialogsDirectory.Locate(), OptionValue(args, "--locale"), input, output);
            case "validate":
                return ContentCommands.Validate(DialogsDirectory.Locate(OptionValue(args, "--dialogs")), output);
            case "eval":
                return EvalCommand.Run(
                    DialogsDirectory.Locate(OptionValue(args, "--dialogs")),
                    OptionValue(args, "--report") ?? Path.Combine("artifacts", "nlu", "report.json"),
                    int.TryParse(OptionValue(args, "--folds"), out var folds) ? folds : 5,
                    output);
            default:
                return null;
        }
    }

    private static string? OptionValue(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
