using Microsoft.Extensions.Options;
using PreventionBot.Host.DirectLine;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Tests.DirectLine;

/// <summary>
/// All Direct Line transcripts together stay within DirectLine:MaxTranscriptCharsTotal: many long conversations
/// cannot add up to gigabytes. Under the budget nothing changes; over it, conversations that go on drop their own
/// oldest activities but keep their last few, and watermarks go on counting.
/// </summary>
public sealed class TranscriptBudgetTests
{
    private const int ActivityChars = 400 + 600; // the transcript's overhead per entry plus the text below

    private static readonly string Text = new('x', 600);

    [Fact]
    public void Many_long_conversations_stay_within_the_total_budget_and_keep_their_last_turns()
    {
        var conversations = Conversations(totalChars: 100 * ActivityChars);

        var transcripts = Enumerable.Range(0, 40).Select(i => conversations.GetOrCreate("c" + i)!.Value.Transcript).ToList();
        for (var round = 0; round < 30; round++)
        {
            foreach (var transcript in transcripts)
            {
                transcript.Append(Message());
            }
        }

        Assert.All(transcripts, t => Assert.True(t.Count >= TranscriptBudget.KeptWhenOver));
        Assert.All(transcripts, t => Assert.Equal(30, t.Watermark));
        Assert.True(
            conversations.Budget.Chars <= conversations.Budget.MaxChars + (40 * TranscriptBudget.KeptWhenOver * ActivityChars),
            $"{conversations.Budget.Chars} chars held");
        Assert.Equal(transcripts.Sum(t => (long)t.Count * ActivityChars), conversations.Budget.Chars);

        // The newest activities are the ones kept: a reconnect from the last watermark misses nothing.
        var (recent, watermark) = transcripts[0].After(30 - TranscriptBudget.KeptWhenOver)!.Value;
        Assert.Equal(TranscriptBudget.KeptWhenOver, recent.Count);
        Assert.Equal(30, watermark);
    }

    [Fact]
    public void Under_the_budget_a_conversation_keeps_everything_its_own_cap_allows()
    {
        var conversations = Conversations(totalChars: 1_000_000);
        var transcript = conversations.GetOrCreate("one")!.Value.Transcript;

        for (var i = 0; i < 50; i++)
        {
            transcript.Append(Message());
        }

        Assert.Equal(50, transcript.Count);
        Assert.Equal(50L * ActivityChars, conversations.Budget.Chars);
    }

    [Fact]
    public void A_closed_or_expired_conversation_gives_its_share_back()
    {
        var time = new ManualClock(DateTimeOffset.UnixEpoch);
        var conversations = Conversations(totalChars: 1_000_000, time);
        var transcript = conversations.GetOrCreate("gone")!.Value.Transcript;
        transcript.Append(Message());
        transcript.Append(Message());

        time.Now += TimeSpan.FromHours(2);
        conversations.PurgeExpired();
        transcript.Append(Message()); // a post that was already in flight

        Assert.Equal(0, conversations.Budget.Chars);
    }

    private static DirectLineConversations Conversations(long totalChars, TimeProvider? time = null) => new(
        Options.Create(new DirectLineOptions { MaxTranscriptCharsTotal = totalChars, MaxActivitiesPerConversation = 200 }),
        time ?? TimeProvider.System);

    private static Activity Message() => new() { Type = ActivityTypes.Message, Text = Text };

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
