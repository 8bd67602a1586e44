using Microsoft.Extensions.Logging.Abstractions;
using PreventionBot.Core.Content;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Storage;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Host.Cli;

/// <summary>
/// <c>dotnet run --project src/PreventionBot.Host -- chat [--locale en-GB]</c>: the same conversation core in a
/// terminal, for content authors and quick checks. Buttons are numbered; type the number to press one.
/// </summary>
public static class TerminalChat
{
    public static async Task<int> RunAsync(string dialogsDirectory, string? locale, TextReader input, TextWriter output)
    {
        var content = ContentLoader.Load(dialogsDirectory);
        var router = IntentRouter.Load(dialogsDirectory);
        var engine = new ConversationEngine(
            content,
            router,
            ConversationCues.Load(dialogsDirectory, content, router.Languages),
            new InMemoryConversationStore(),
            TimeProvider.System,
            new ConversationOptions(),
            NullLogger<ConversationEngine>.Instance);
        var key = ConversationKeys.Create("terminal", Guid.NewGuid().ToString("N"));

        await output.WriteLineAsync("PreventionBot terminal chat. Type a message, a button number, or /quit.");
        var buttons = await SayAsync(engine, new TurnRequest(key, TurnKind.ConversationStarted, Locale: locale), output);
        while (await input.ReadLineAsync() is { } line)
        {
            line = line.Trim();
            if (line is "/quit" or "/exit")
            {
                break;
            }

            if (int.TryParse(line, out var number) && number >= 1 && number <= buttons.Count)
            {
                line = buttons[number - 1].Value;
            }

            buttons = await SayAsync(engine, new TurnRequest(key, TurnKind.Message, line, locale), output);
        }

        return 0;
    }

    private static async Task<IReadOnlyList<SuggestedAction>> SayAsync(ConversationEngine engine, TurnRequest request, TextWriter output)
    {
        var result = await engine.HandleAsync(request, CancellationToken.None);
        IReadOnlyList<SuggestedAction> buttons = [];
        foreach (var reply in result.Replies)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"[{reply.TopicId}] {reply.Text}");
            for (var i = 0; i < reply.Actions.Count; i++)
            {
                await output.WriteLineAsync($"  {i + 1}. {reply.Actions[i].Title}");
            }

            if (reply.Actions.Count > 0)
            {
                buttons = reply.Actions;
            }
        }

        await output.WriteAsync("\n> ");
        await output.FlushAsync();
        return buttons;
    }
}
