using Microsoft.Extensions.Logging.Abstractions;
using PreventionBot.Core.Content;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Storage;
using PreventionBot.Core.Understanding;

namespace PreventionBot.Benchmarks;

/// <summary>The real content and a trained router, built once per benchmark process (training takes seconds).</summary>
internal static class Engines
{
    private static readonly Lazy<(BotContent Content, IntentRouter Router, ConversationCues Cues)> Built = new(() =>
    {
        var dialogs = DialogsDirectory.Locate();
        var content = ContentLoader.Load(dialogs);
        var router = IntentRouter.Load(dialogs);
        return (content, router, ConversationCues.Load(dialogs, content, router.Languages));
    });

    public static IntentRouter Router => Built.Value.Router;

    public static ConversationCues Cues => Built.Value.Cues;

    public static ConversationEngine Create(IConversationStore store) => new(
        Built.Value.Content,
        Built.Value.Router,
        Built.Value.Cues,
        store,
        TimeProvider.System,
        new ConversationOptions(),
        NullLogger<ConversationEngine>.Instance);

    /// <summary>"memory" or "sqlite" (a fresh file in the temp folder).</summary>
    public static IConversationStore Store(string provider, out string? path)
    {
        path = null;
        if (provider == "memory")
        {
            return new InMemoryConversationStore();
        }

        path = Path.Combine(Path.GetTempPath(), "preventionbot-bench-" + Guid.NewGuid().ToString("N") + ".db");
        return new SqliteConversationStore(path);
    }

    public static void Delete(IConversationStore store, string? path)
    {
        (store as IDisposable)?.Dispose();
        if (path is not null)
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
