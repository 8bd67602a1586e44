using System.Text.Json;
using Microsoft.Extensions.Options;
using PreventionBot.Host.DirectLine;
using PreventionBot.Protocol.DirectLine;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Tests.DirectLine;

/// <summary>
/// All Direct Line transcripts together stay within DirectLine:MaxTranscriptCharsTotal: many long conversations
/// cannot add up to gigabytes. Under the budget nothing changes; over it, conversations that go on drop their own
/// oldest activities but keep their last few, and watermarks go on counting. The budgets count the bytes of the JSON
/// each activity is kept as, and that JSON is what the serialiser wrote for the activity objects before.
/// </summary>
public sealed class TranscriptBudgetTests
{
    private static readonly string Text = new('x', 600);

    // One message above as stored in conversation "c10": ids and timestamps have a fixed width, so every such
    // activity of a two-digit conversation id has this size.
    private static readonly int ActivityBytes = SizeInConversation("c10");

    [Fact]
    public void Many_long_conversations_stay_within_the_total_budget_and_keep_their_last_turns()
    {
        var conversations = Conversations(totalChars: 100 * ActivityBytes);

        var transcripts = Enumerable.Range(10, 40).Select(i => conversations.GetOrCreate("c" + i)!.Value.Transcript).ToList();
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
            conversations.Budget.Chars <= conversations.Budget.MaxChars + (40 * TranscriptBudget.KeptWhenOver * ActivityBytes),
            $"{conversations.Budget.Chars} bytes held");
        Assert.Equal(transcripts.Sum(t => (long)t.Count * ActivityBytes), conversations.Budget.Chars);
        Assert.Equal(transcripts.Sum(t => (long)t.Bytes), conversations.Budget.Chars);

        // The newest activities are the ones kept: a reconnect from the last watermark misses nothing.
        var (recent, watermark) = transcripts[0].After(30 - TranscriptBudget.KeptWhenOver)!.Value;
        Assert.Equal(TranscriptBudget.KeptWhenOver, recent.Count);
        Assert.Equal(30, watermark);
    }

    [Fact]
    public void Under_the_budget_a_conversation_keeps_everything_its_own_cap_allows()
    {
        var conversations = Conversations(totalChars: 1_000_000);
        var transcript = conversations.GetOrCreate("c99")!.Value.Transcript;

        for (var i = 0; i < 50; i++)
        {
            transcript.Append(Message());
        }

        Assert.Equal(50, transcript.Count);
        Assert.Equal(50L * ActivityBytes, conversations.Budget.Chars);
    }

    [Fact]
    public void The_budget_counts_the_bytes_of_the_json_kept_for_each_activity()
    {
        var conversations = Conversations(totalChars: 1_000_000);
        var transcript = conversations.GetOrCreate("sizes")!.Value.Transcript;
        transcript.Append(Message());
        transcript.Append(Rich());
        transcript.Append(new Activity { Type = ActivityTypes.Typing });

        var (kept, _) = transcript.After(0)!.Value;

        var expected = kept.Sum(json => json.Length + DirectLineTranscript.EntryOverheadBytes);
        Assert.Equal(expected, transcript.Bytes);
        Assert.Equal(expected, conversations.Budget.Chars);
    }

    [Fact]
    public void A_transcript_sends_the_same_bytes_the_activity_objects_serialised_to()
    {
        // Before, transcripts kept Activity objects and serialised an ActivitySet of them on every read and push.
        var transcript = Conversations(totalChars: 1_000_000).GetOrCreate("same")!.Value.Transcript;
        var appended = new List<Activity> { Message(), Rich(), new() { Type = ActivityTypes.Typing }, Rich() };
        foreach (var activity in appended)
        {
            transcript.Append(activity);
        }

        var (kept, watermark) = transcript.After(1)!.Value;
        var now = ActivitySetJson.Write(kept, watermark);

        var before = JsonSerializer.SerializeToUtf8Bytes(
            new ActivitySet { Activities = appended.Skip(1).ToList(), Watermark = "4" },
            DirectLineJson.Default.ActivitySet);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(before), System.Text.Encoding.UTF8.GetString(now));

        var empty = transcript.After(4)!.Value;
        Assert.Equal(
            JsonSerializer.SerializeToUtf8Bytes(new ActivitySet { Activities = [], Watermark = "4" }, DirectLineJson.Default.ActivitySet),
            ActivitySetJson.Write(empty.Activities, empty.Watermark));
    }

    [Fact]
    public void A_websocket_subscriber_gets_the_same_frames_as_before()
    {
        var transcript = Conversations(totalChars: 1_000_000).GetOrCreate("pushed")!.Value.Transcript;
        var first = Rich();
        transcript.Append(first);
        var subscriber = new StreamSubscriber();
        Assert.True(transcript.Subscribe(subscriber, 0));
        var second = Message();
        transcript.Append(second);

        Assert.True(subscriber.Frames.TryRead(out var replay));
        Assert.True(subscriber.Frames.TryRead(out var pushed));
        Assert.Equal(Set([first], "1"), replay);
        Assert.Equal(Set([second], "2"), pushed);

        static byte[] Set(List<Activity> activities, string watermark) =>
            JsonSerializer.SerializeToUtf8Bytes(new ActivitySet { Activities = activities, Watermark = watermark }, DirectLineJson.Default.ActivitySet);
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

    /// <summary>A bot reply with everything JSON has to escape or nest: non-ASCII, quotes, markup, buttons, channel data.</summary>
    private static Activity Rich() => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = "directline",
        From = new ChannelAccount { Id = "bot", Name = "PreventionBot" },
        Conversation = new ConversationAccount { Id = "same" },
        ReplyToId = "same|0000001",
        Locale = "en-GB",
        TextFormat = "markdown",
        Text = "Ça va? \"Stop It Now\" <b>0808 1000 900</b> & more — ☎ \u2028 end",
        InputHint = "acceptingInput",
        SuggestedActions = new SuggestedActions
        {
            Actions = [new CardAction { Type = "imBack", Title = "What's the law?", Value = JsonDocument.Parse("\"#law\"").RootElement }],
        },
        ChannelData = JsonDocument.Parse("""{"topic":"self-help","nested":{"a":[1,2.5,null,true]}}""").RootElement,
        Entities = [JsonDocument.Parse("""{"type":"ClientCapabilities","requiresBotState":true}""").RootElement],
    };

    private static int SizeInConversation(string conversationId)
    {
        var transcript = Conversations(totalChars: 1_000_000).GetOrCreate(conversationId)!.Value.Transcript;
        transcript.Append(Message());
        return transcript.Bytes;
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
