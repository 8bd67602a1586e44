using PreventionBot.Host.Tests.Support;

namespace PreventionBot.Host.Tests.Conversations;

/// <summary>
/// Conversation tests written as data (tests/conversations/*.yaml), played end to end through /api/messages
/// (<see cref="Transcripts"/>). Content authors add a file, not C#. A failure prints the whole transcript so far.
/// </summary>
public sealed class TranscriptTests(TranscriptTests.Host host) : IClassFixture<TranscriptTests.Host>
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Transcripts.Folder(), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Transcript_plays_as_written(string file)
    {
        var transcript = Transcripts.Read(Path.Combine(Transcripts.Folder(), file));
        Assert.NotEmpty(transcript.Turns);
        await Transcripts.PlayAsync(host.CreateClient(), transcript, (i, _, problems, log) =>
            Assert.True(problems.Count == 0, $"{file} turn {i + 1}: {string.Join("; ", problems)}\n{log}"));
    }

    [Fact]
    public void Transcripts_cover_every_topic_in_every_country()
    {
        var seen = new HashSet<(string Locale, string Topic)>();
        foreach (var file in Directory.GetFiles(Transcripts.Folder(), "*.yaml"))
        {
            var transcript = Transcripts.Read(file);
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

    public sealed class Host : BotApplication;
}
