using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PreventionBot.Protocol;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Benchmarks;

/// <summary>The wire: parsing an incoming message activity (UTF-8, as it arrives) and writing an
/// expectReplies body of two replies with buttons.</summary>
[MemoryDiagnoser]
public class ProtocolBenchmarks
{
    private byte[][] _incoming = [];
    private ExpectedReplies _replies = new();
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var texts = Messages.Varied;
        _incoming = new byte[256][];
        for (var i = 0; i < _incoming.Length; i++)
        {
            var activity = new Activity
            {
                Type = ActivityTypes.Message,
                Id = "in-" + i,
                Timestamp = "2026-11-30T04:00:00.000Z",
                ChannelId = "directline",
                ServiceUrl = "http://127.0.0.1:1/",
                From = new ChannelAccount { Id = "user-" + i, Name = "User", Role = "user" },
                Conversation = new ConversationAccount { Id = "conv-" + (i % 37) },
                Recipient = new ChannelAccount { Id = "bot", Name = "Bot", Role = "bot" },
                Locale = "en-GB",
                TextFormat = "plain",
                Text = texts[i % texts.Count],
                DeliveryMode = "expectReplies",
                ChannelData = JsonDocument.Parse("{\"clientActivityID\":\"c-" + i + "\"}").RootElement,
            };
            _incoming[i] = JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Default.Activity);
        }

        _replies = new ExpectedReplies { Activities = [Reply(0, 4), Reply(1, 0)] };
    }

    [Benchmark]
    public Activity? Parse() => JsonSerializer.Deserialize(_incoming[_next++ % _incoming.Length], ProtocolJson.Default.Activity);

    [Benchmark]
    public byte[] Serialise() => JsonSerializer.SerializeToUtf8Bytes(_replies, ProtocolJson.Default.ExpectedReplies);

    private static Activity Reply(int n, int buttons) => new()
    {
        Type = ActivityTypes.Message,
        Id = "out-" + n,
        Timestamp = "2026-11-30T04:00:00.010Z",
        ChannelId = "directline",
        From = new ChannelAccount { Id = "bot", Name = "Bot", Role = "bot" },
        Conversation = new ConversationAccount { Id = "conv-1" },
        Recipient = new ChannelAccount { Id = "user-1", Role = "user" },
        Locale = "en-GB",
        TextFormat = "markdown",
        ReplyToId = "in-1",
        Text = new StringBuilder().Insert(0, "It is illegal to make, share or ask for a sexual image of anyone under 18, even a fake one. ", 4).ToString(),
        SuggestedActions = buttons == 0 ? null : new SuggestedActions
        {
            Actions = [.. Enumerable.Range(0, buttons).Select(b => new CardAction
            {
                Type = "postBack",
                Title = "Option " + b,
                Value = JsonDocument.Parse("\"#law/option-" + b + "\"").RootElement,
            })],
        },
        ChannelData = JsonDocument.Parse("{\"topic\":\"law\"}").RootElement,
    };
}
