using System.Text;
using PreventionBot.Host.Tests.Support;
using PreventionBot.Protocol.Schema;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PreventionBot.Host.Tests.Conversations;

/// <summary>
/// Conversation tests written as data (tests/conversations/*.yaml), played end to end through /api/messages:
/// each turn names the topic of the first reply and strings the replies must (not) contain. Content authors add
/// a file, not C#. A failure prints the whole transcript so far.
/// </summary>
public sealed class TranscriptTests(TranscriptTests.Host host) : IClassFixture<TranscriptTests.Host>
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder(), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Transcript_plays_as_written(string file)
    {
        var transcript = Yaml.Deserialize<Transcript>(File.ReadAllText(Path.Combine(Folder(), file)));
        Assert.NotEmpty(transcript.Turns);
        var client = host.CreateClient();
        var conversation = "transcript-" + Guid.NewGuid().ToString("N");
        var log = new StringBuilder($"{file}: {transcript.Name}\n");
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

            Assert.True(replies.Count > 0, $"turn {i + 1}: no reply\n{log}");
            var topic = BotApplication.TopicOf(replies[0]);
            Assert.True(topic == turn.Topic, $"turn {i + 1}: expected topic {turn.Topic}, got {topic}\n{log}");
            if (turn.Reply is { } expectedReply)
            {
                var actual = BotApplication.ReplyOf(replies[0]);
                Assert.True(actual == expectedReply || actual == expectedReply + "/main", $"turn {i + 1}: expected reply {expectedReply}, got {actual}\n{log}");
            }

            if (turn.Role is { } role)
            {
                Assert.True(BotApplication.RoleOf(replies[0]) == role, $"turn {i + 1}: expected role {role}, got {BotApplication.RoleOf(replies[0])}\n{log}");
            }

            if (turn.Then is { } then)
            {
                var topics = replies.Skip(1).Select(BotApplication.TopicOf).ToList();
                Assert.True(topics.Contains(then), $"turn {i + 1}: expected a following reply from {then}, got [{string.Join(", ", topics)}]\n{log}");
            }

            if (i > 0 && !turn.User.StartsWith('#'))
            {
                // Typed turns never get the words they just had.
                Assert.False(previous.SequenceEqual(replies.Select(r => r.Text)), $"turn {i + 1}: the same reply twice in a row\n{log}");
            }

            previous = [.. replies.Select(r => r.Text)];
            var all = string.Join("\n", replies.Select(AllText));
            foreach (var expected in turn.Contains)
            {
                Assert.True(all.Contains(expected, StringComparison.OrdinalIgnoreCase), $"turn {i + 1}: missing \"{expected}\"\n{log}");
            }

            foreach (var unexpected in turn.NotContains)
            {
                Assert.False(all.Contains(unexpected, StringComparison.OrdinalIgnoreCase), $"turn {i + 1}: must not say \"{unexpected}\"\n{log}");
            }
        }
    }

    [Fact]
    public void Transcripts_cover_every_topic_in_every_country()
    {
        var seen = new HashSet<(string Locale, string Topic)>();
        foreach (var file in Directory.GetFiles(Folder(), "*.yaml"))
        {
            var transcript = Yaml.Deserialize<Transcript>(File.ReadAllText(file));
            foreach (var turn in transcript.Turns)
            {
                seen.Add((transcript.Locale ?? "none", turn.Topic));
            }
        }

        foreach (var locale in new[] { "en-GB", "en-IE", "en-US", "en-CA", "en-AU" })
        {
            foreach (var topic in PreventionBot.Core.TopicIds.All)
            {
                Assert.True(seen.Contains((locale, topic)), $"no transcript turn covers {topic} in {locale}");
            }
        }
    }

    private static string AllText(Activity reply) =>
        reply.Text + "\n" + string.Join("\n", reply.SuggestedActions?.Actions.Select(a => a.Title) ?? []);

    internal static string Folder()
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

    public sealed class Host : BotApplication;

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

        /// <summary>Optional: the first reply's reference ("topic/reply"; "topic" means its entry reply).</summary>
        public string? Reply { get; set; }

        /// <summary>Optional: the speaker role the bot should have understood by now ("unknown" while none).</summary>
        public string? Role { get; set; }

        /// <summary>Optional: a topic one of the following replies in the same turn must come from (crisis, then the topic).</summary>
        public string? Then { get; set; }

        public List<string> Contains { get; set; } = [];

        public List<string> NotContains { get; set; } = [];
    }
}
