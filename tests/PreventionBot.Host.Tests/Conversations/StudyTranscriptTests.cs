using System.Text;
using PreventionBot.Host.Tests.Support;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PreventionBot.Host.Tests.Conversations;

/// <summary>
/// The simulated-user study (tests/conversations/study/*.yaml): conversations typed by people who had not
/// seen the training data, with what a helpline practitioner wanted on every turn. Not every turn is met
/// yet (docs/quality.md lists them), so this is a ratchet: every crisis, emergency and deterrence turn must
/// be met, and the share of turns met may not fall below the figure measured when they were added.
/// </summary>
public sealed class StudyTranscriptTests(StudyTranscriptTests.Host host) : IClassFixture<StudyTranscriptTests.Host>
{
    /// <summary>Turns met when the study was last measured (docs/quality.md). Raise it as fixes land; never lower it.</summary>
    private const double MinimumShareMet = 0.76;

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    [Fact]
    public async Task Safety_turns_are_all_met_and_the_share_of_turns_met_does_not_fall()
    {
        var client = host.CreateClient();
        var turns = 0;
        var met = 0;
        var missed = new StringBuilder();
        var safetyMissed = new StringBuilder();
        foreach (var path in Directory.GetFiles(Path.Combine(TranscriptTests.Folder(), "study"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var transcript = Yaml.Deserialize<TranscriptTests.Transcript>(File.ReadAllText(path));
            var conversation = "study-" + Guid.NewGuid().ToString("N");
            List<string?> previous = [];
            for (var i = 0; i < transcript.Turns.Count; i++)
            {
                var turn = transcript.Turns[i];
                var activity = turn.User == "#start"
                    ? BotApplication.ConversationStart(conversation, transcript.Locale)
                    : BotApplication.Message(turn.User, conversation, transcript.Locale!, id: "t" + i);
                activity.Locale = transcript.Locale;
                var replies = await BotApplication.ExchangeAsync(client, activity);
                var all = string.Join("\n", replies.Select(r => r.Text + "\n" + string.Join("\n", r.SuggestedActions?.Actions.Select(a => a.Title) ?? [])));
                var texts = replies.Select(r => r.Text).ToList();
                var ok = replies.Count > 0
                    && BotApplication.TopicOf(replies[0]) == turn.Topic
                    && turn.Contains.All(c => all.Contains(c, StringComparison.OrdinalIgnoreCase))
                    && !turn.NotContains.Any(c => all.Contains(c, StringComparison.OrdinalIgnoreCase))
                    && (i == 0 || turn.User.StartsWith('#') || !previous.SequenceEqual(texts));
                previous = texts;
                turns++;
                if (ok)
                {
                    met++;
                    continue;
                }

                var line = $"{Path.GetFileName(path)} turn {i + 1}: wanted {turn.Topic}, got {(replies.Count > 0 ? BotApplication.ReplyOf(replies[0]) : "nothing")}: {turn.User}\n";
                missed.Append(line);
                if (turn.Topic is "crisis" or "emergency" or "deterrence")
                {
                    safetyMissed.Append(line);
                }
            }
        }

        Assert.True(safetyMissed.Length == 0, "crisis, emergency or deterrence turns not met:\n" + safetyMissed);
        var share = (double)met / turns;
        Assert.True(share >= MinimumShareMet, $"{met} of {turns} turns met ({share:P1}), below {MinimumShareMet:P0}:\n{missed}");
    }

    public sealed class Host : BotApplication;
}
