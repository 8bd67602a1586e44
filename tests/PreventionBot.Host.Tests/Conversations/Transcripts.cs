using PreventionBot.Core.Conversation;
using System.Text;
using PreventionBot.Host.Tests.Support;
using PreventionBot.Protocol.Schema;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PreventionBot.Host.Tests.Conversations;

/// <summary>
/// Conversations written as data (tests/conversations/**/*.yaml) and how one is played through /api/messages.
/// Each turn names the topic of its lead reply and strings the replies must (not) contain; both the
/// transcript tests and the study ratchet judge turns here, so a turn means the same in both.
/// </summary>
public static class Transcripts
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static Transcript Read(string path) => Yaml.Deserialize<Transcript>(File.ReadAllText(path));

    public static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "conversations");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/conversations not found");
    }

    /// <summary>Plays a whole transcript in a new conversation; calls <paramref name="judged"/> with each turn's
    /// problems (empty when the turn is met) and the transcript so far.</summary>
    public static async Task PlayAsync(HttpClient client, Transcript transcript, Action<int, Turn, IReadOnlyList<string>, StringBuilder> judged)
    {
        var conversation = "transcript-" + Guid.NewGuid().ToString("N");
        var log = new StringBuilder($"{transcript.Name}\n");
        List<string?> previous = [];
        for (var i = 0; i < transcript.Turns.Count; i++)
        {
            var turn = transcript.Turns[i];
            var activity = turn.User == "#start"
                ? BotApplication.ConversationStart(conversation, transcript.Locale)
                : BotApplication.Message(turn.User, conversation, transcript.Locale!, id: "t" + i);
            activity.Locale = transcript.Locale;
            var replies = await BotApplication.ExchangeAsync(client, activity);

            log.Append("user> ").AppendLine(turn.User);
            foreach (var reply in replies)
            {
                log.Append("bot [").Append(BotApplication.ReplyOf(reply)).Append("]> ").AppendLine(reply.Text);
            }

            // Typed turns never get the words they just had; a pressed button may (it asked for them).
            var repeated = i > 0 && !turn.User.StartsWith('#') && previous.SequenceEqual(replies.Select(r => r.Text));
            previous = [.. replies.Select(r => r.Text)];
            judged(i, turn, Problems(turn, replies, repeated), log);
        }
    }

    /// <summary>The reply that answers the turn: the first one, unless it is the crisis lines' reminder that
    /// comes before the answer to a question asked during a crisis (the person's own or someone else's), or the emergency
    /// number's before the answer to one asked once help was called.</summary>
    public static Activity Lead(IList<Activity> replies) =>
        replies.FirstOrDefault(r => !Reminders.Contains(BotApplication.ReplyOf(r))) ?? replies[0];

    private static readonly string[] Reminders = [SystemReplies.CrisisReminder, SystemReplies.EmergencyReminder, SystemReplies.SomeoneElseReminder];

    private static List<string> Problems(Turn turn, IList<Activity> replies, bool repeated)
    {
        if (replies.Count == 0)
        {
            return ["no reply"];
        }

        var problems = new List<string>();
        var lead = Lead(replies);
        var topic = BotApplication.TopicOf(lead);
        if (topic != turn.Topic)
        {
            problems.Add($"expected topic {turn.Topic}, got {topic}");
        }

        var actual = BotApplication.ReplyOf(lead);
        if (turn.Reply is { } expected && actual != expected && actual != expected + "/main")
        {
            problems.Add($"expected reply {expected}, got {actual}");
        }

        if (turn.Role is { } role && BotApplication.RoleOf(lead) != role)
        {
            problems.Add($"expected role {role}, got {BotApplication.RoleOf(lead)}");
        }

        if (turn.Then is { } then && !replies.SkipWhile(r => r != lead).Skip(1).Any(r => BotApplication.TopicOf(r) == then))
        {
            problems.Add($"expected a following reply from {then}");
        }

        if (repeated)
        {
            problems.Add("the same reply twice in a row");
        }

        var all = string.Join("\n", replies.Select(r => r.Text + "\n" + string.Join("\n", r.SuggestedActions?.Actions.Select(a => a.Title) ?? [])));
        problems.AddRange(turn.Contains.Where(c => !all.Contains(c, StringComparison.OrdinalIgnoreCase)).Select(c => $"missing \"{c}\""));
        problems.AddRange(turn.NotContains.Where(c => all.Contains(c, StringComparison.OrdinalIgnoreCase)).Select(c => $"must not say \"{c}\""));
        return problems;
    }

    public sealed class Transcript
    {
        public string Name { get; set; } = string.Empty;

        public string? Locale { get; set; }

        public List<Turn> Turns { get; set; } = [];
    }

    public sealed class Turn
    {
        public string User { get; set; } = string.Empty;

        public string Topic { get; set; } = string.Empty;

        /// <summary>Optional: the lead reply's reference ("topic/reply"; "topic" means its entry reply).</summary>
        public string? Reply { get; set; }

        /// <summary>Optional: the speaker role the bot should have understood by now ("unknown" while none).</summary>
        public string? Role { get; set; }

        /// <summary>Optional: a topic one of the replies after the lead must come from (crisis, then the topic).</summary>
        public string? Then { get; set; }

        public List<string> Contains { get; set; } = [];

        public List<string> NotContains { get; set; } = [];
    }
}
