using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using PreventionBot.Protocol.DirectLine;
using PreventionBot.Protocol.Schema;
using static PreventionBot.Host.Tests.DirectLine.DirectLineTestKit;

namespace PreventionBot.Host.Tests.DirectLine;

/// <summary>The Direct Line 3.0 contract as DirectLineJS and Web Chat rely on it, including every refusal's status and body.</summary>
public sealed class DirectLineContractTests
{
    [Fact]
    public async Task Posted_activity_is_echoed_with_its_id_and_clientActivityID_and_the_reply_follows_it()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);
        Assert.StartsWith("ws://", conversation.StreamUrl, StringComparison.Ordinal);
        Assert.Equal(1800, conversation.ExpiresIn);

        var joinId = await PostAsync(client, conversation, Join());
        var messageId = await PostAsync(client, conversation, UserMessage("#self-help", "abc123"));
        Assert.Equal($"{conversation.ConversationId}|0000001", joinId);

        var set = await GetActivitiesAsync(client, conversation);
        var echo = Assert.Single(set.Activities, a => a.Id == messageId);
        Assert.Equal("abc123", ClientActivityId(echo));
        Assert.Equal("user", echo.From!.Role);
        Assert.Equal("#self-help", echo.Text);

        var welcome = Assert.Single(set.Activities, a => Topic(a) == "welcome");
        Assert.Equal(joinId, welcome.ReplyToId);
        var reply = Assert.Single(set.Activities, a => a.ReplyToId == messageId);
        Assert.Equal("self-help", Topic(reply));
        Assert.Equal("bot", reply.From!.Role);
        Assert.Equal("directline", reply.ChannelId);
        Assert.Null(reply.ServiceUrl);
        Assert.NotNull(reply.SuggestedActions);
        Assert.All(set.Activities, a => Assert.StartsWith(conversation.ConversationId + "|", a.Id, StringComparison.Ordinal));
        Assert.True(set.Activities.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) == set.Watermark,
            string.Join(" | ", set.Activities.Select(a => $"{a.Id} {a.Type} {Topic(a)} {a.ReplyToId}")) + " wm=" + set.Watermark);

        // Timestamps strictly increase, in posting order.
        var stamps = set.Activities.Select(a => DateTimeOffset.Parse(a.Timestamp!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(stamps.OrderBy(s => s), stamps);
        Assert.Equal(stamps.Count, stamps.Distinct().Count());

        // Polling from the watermark gives nothing new.
        var again = await GetActivitiesAsync(client, conversation, set.Watermark!);
        Assert.Empty(again.Activities);
        Assert.Equal(set.Watermark, again.Watermark);
    }

    [Fact]
    public async Task Missing_authorization_is_401()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);
        using var response = await client.SendAsync(Request(HttpMethod.Get, $"{Prefix}/conversations/{conversation.ConversationId}/activities", bearer: null));
        Assert.Equal("BadArgument", await AssertErrorAsync(response, HttpStatusCode.Unauthorized));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("djF8YWJjfDk5OTk5OTk5OTk.AAAA")]
    [InlineData("")]
    public async Task Wrong_token_is_403(string token)
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);
        using var response = await client.SendAsync(Request(HttpMethod.Get, $"{Prefix}/conversations/{conversation.ConversationId}/activities", token.Length == 0 ? "x" : token));
        Assert.Equal("BadArgument", await AssertErrorAsync(response, HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task Token_with_a_tampered_signature_or_swapped_conversation_is_403()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var first = await StartAsync(client);
        var second = await StartAsync(client);

        // The first token's payload with the second token's signature, and vice versa.
        var forged = first.Token!.Split('.')[0] + "." + second.Token!.Split('.')[1];
        using var response = await client.SendAsync(Request(HttpMethod.Get, $"{Prefix}/conversations/{first.ConversationId}/activities", forged));
        await AssertErrorAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Expired_token_is_403_TokenExpired_and_cannot_be_refreshed()
    {
        var time = new ManualTimeProvider();
        await using var app = CreateApp(time);
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);
        time.Advance(TimeSpan.FromMinutes(31));

        using var get = await client.SendAsync(Request(HttpMethod.Get, $"{Prefix}/conversations/{conversation.ConversationId}/activities", conversation.Token));
        Assert.Equal("TokenExpired", await AssertErrorAsync(get, HttpStatusCode.Forbidden));
        using var post = await client.SendAsync(Request(HttpMethod.Post, $"{Prefix}/conversations/{conversation.ConversationId}/activities", conversation.Token, Json(UserMessage("hello"))));
        Assert.Equal("TokenExpired", await AssertErrorAsync(post, HttpStatusCode.Forbidden));
        using var refresh = await client.SendAsync(Request(HttpMethod.Post, $"{Prefix}/tokens/refresh", conversation.Token));
        Assert.Equal("TokenExpired", await AssertErrorAsync(refresh, HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task Token_lifetime_is_configurable_and_refresh_extends_it()
    {
        var time = new ManualTimeProvider();
        await using var app = CreateApp(time, new() { ["DirectLine:TokenLifetimeMinutes"] = "10" });
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);
        Assert.Equal(600, conversation.ExpiresIn);

        time.Advance(TimeSpan.FromMinutes(8));
        using var refresh = await client.SendAsync(Request(HttpMethod.Post, $"{Prefix}/tokens/refresh", conversation.Token));
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var refreshed = (await refresh.Content.ReadFromJsonAsync(DirectLineJson.Default.DirectLineConversation))!;
        Assert.Equal(conversation.ConversationId, refreshed.ConversationId);

        time.Advance(TimeSpan.FromMinutes(8));
        await GetActivitiesAsync(client, new DirectLineConversation { ConversationId = conversation.ConversationId, Token = refreshed.Token });
        using var old = await client.SendAsync(Request(HttpMethod.Get, $"{Prefix}/conversations/{conversation.ConversationId}/activities", conversation.Token));
        Assert.Equal("TokenExpired", await AssertErrorAsync(old, HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task A_token_for_one_conversation_can_never_read_or_write_another()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var mine = await StartAsync(client);
        var theirs = await StartAsync(client);
        await PostAsync(client, theirs, UserMessage("#law", "their-message"));

        var paths = new (HttpMethod Method, string Path, HttpContent? Body)[]
        {
            (HttpMethod.Get, $"{Prefix}/conversations/{theirs.ConversationId}/activities?watermark=", null),
            (HttpMethod.Post, $"{Prefix}/conversations/{theirs.ConversationId}/activities", Json(UserMessage("hello"))),
            (HttpMethod.Get, $"{Prefix}/conversations/{theirs.ConversationId}", null),
            (HttpMethod.Get, $"{Prefix}/conversations/{theirs.ConversationId}/stream", null),
            (HttpMethod.Post, $"{Prefix}/conversations/{theirs.ConversationId}/upload", new ByteArrayContent([1, 2, 3])),
        };
        foreach (var (method, path, body) in paths)
        {
            using var response = await client.SendAsync(Request(method, path, mine.Token, body));
            Assert.Equal("BadArgument", await AssertErrorAsync(response, HttpStatusCode.Forbidden));
        }

        // The stream URL's own token is checked the same way.
        using var stream = await client.GetAsync($"{Prefix}/conversations/{theirs.ConversationId}/stream?t={Uri.EscapeDataString(mine.Token!)}");
        await AssertErrorAsync(stream, HttpStatusCode.Forbidden);

        // And nothing of theirs ever shows up in mine.
        var own = await GetActivitiesAsync(client, mine);
        Assert.DoesNotContain(own.Activities, a => a.Text == "#law" || ClientActivityId(a) == "their-message");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("99")]
    [InlineData("99999999999999999999999")]
    public async Task Bad_watermark_is_400(string watermark)
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);
        await PostAsync(client, conversation, Join());

        using var get = await client.SendAsync(Request(HttpMethod.Get, $"{Prefix}/conversations/{conversation.ConversationId}/activities?watermark={Uri.EscapeDataString(watermark)}", conversation.Token));
        Assert.Equal("BadArgument", await AssertErrorAsync(get, HttpStatusCode.BadRequest));
        using var reconnect = await client.SendAsync(Request(HttpMethod.Get, $"{Prefix}/conversations/{conversation.ConversationId}?watermark={Uri.EscapeDataString(watermark)}", conversation.Token));
        Assert.Equal("BadArgument", await AssertErrorAsync(reconnect, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Oversized_activity_is_413()
    {
        await using var app = CreateApp(settings: new() { ["Bot:MaxRequestBodyBytes"] = "4096" });
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);
        var big = UserMessage("help");
        big.Value = JsonDocument.Parse("\"" + new string('x', 5000) + "\"").RootElement.Clone();

        using var response = await client.SendAsync(Request(HttpMethod.Post, $"{Prefix}/conversations/{conversation.ConversationId}/activities", conversation.Token, Json(big)));
        Assert.Equal("BadArgument", await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge));
    }

    [Fact]
    public async Task Text_over_the_limit_is_413_and_nothing_is_stored()
    {
        await using var app = CreateApp(settings: new() { ["DirectLine:MaxTextLength"] = "100" });
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);

        using var response = await client.SendAsync(Request(HttpMethod.Post, $"{Prefix}/conversations/{conversation.ConversationId}/activities", conversation.Token, Json(UserMessage(new string('a', 101)))));
        Assert.Equal("BadArgument", await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge));
        Assert.Empty((await GetActivitiesAsync(client, conversation)).Activities);
    }

    [Fact]
    public async Task Malformed_or_incomplete_activities_are_400()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);
        var url = $"{Prefix}/conversations/{conversation.ConversationId}/activities";

        using var malformed = await client.SendAsync(Request(HttpMethod.Post, url, conversation.Token, new StringContent("{not json", Encoding.UTF8, "application/json")));
        Assert.Equal("BadSyntax", await AssertErrorAsync(malformed, HttpStatusCode.BadRequest));
        using var noType = await client.SendAsync(Request(HttpMethod.Post, url, conversation.Token, new StringContent("""{"text":"hi","from":{"id":"u"}}""", Encoding.UTF8, "application/json")));
        Assert.Equal("MissingProperty", await AssertErrorAsync(noType, HttpStatusCode.BadRequest));
        using var noFrom = await client.SendAsync(Request(HttpMethod.Post, url, conversation.Token, new StringContent("""{"type":"message","text":"hi"}""", Encoding.UTF8, "application/json")));
        Assert.Equal("MissingProperty", await AssertErrorAsync(noFrom, HttpStatusCode.BadRequest));
        using var notJson = await client.SendAsync(Request(HttpMethod.Post, url, conversation.Token, new StringContent("hi", Encoding.UTF8, "text/plain")));
        await AssertErrorAsync(notJson, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Attachments_and_uploads_are_refused_politely()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);
        var withImage = UserMessage("look");
        withImage.Attachments = [new Attachment { ContentType = "image/png", ContentUrl = "data:image/png;base64,iVBORw0KGgo=" }];

        using var post = await client.SendAsync(Request(HttpMethod.Post, $"{Prefix}/conversations/{conversation.ConversationId}/activities", conversation.Token, Json(withImage)));
        Assert.Equal("BadArgument", await AssertErrorAsync(post, HttpStatusCode.BadRequest));
        using var upload = await client.SendAsync(Request(HttpMethod.Post, $"{Prefix}/conversations/{conversation.ConversationId}/upload?userId=r_tester", conversation.Token, new ByteArrayContent([137, 80, 78, 71])));
        Assert.Equal("BadArgument", await AssertErrorAsync(upload, HttpStatusCode.BadRequest));
        Assert.Contains("cannot accept files or images", await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await GetActivitiesAsync(client, conversation)).Activities);
    }

    [Fact]
    public async Task Unknown_conversation_is_404_with_the_secret()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        using var response = await client.SendAsync(Request(HttpMethod.Get, $"{Prefix}/conversations/nope/activities", Secret));
        Assert.Equal("NotFound", await AssertErrorAsync(response, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Idle_conversations_expire_with_the_token_lifetime()
    {
        var time = new ManualTimeProvider();
        await using var app = CreateApp(time);
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);
        time.Advance(TimeSpan.FromMinutes(31));

        using var response = await client.SendAsync(Request(HttpMethod.Get, $"{Prefix}/conversations/{conversation.ConversationId}/activities", Secret));
        Assert.Equal("NotFound", await AssertErrorAsync(response, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Secret_generates_tokens_and_starts_conversations_but_a_token_cannot_generate()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();

        using var generate = await client.SendAsync(Request(HttpMethod.Post, $"{Prefix}/tokens/generate", Secret));
        Assert.Equal(HttpStatusCode.OK, generate.StatusCode);
        var generated = (await generate.Content.ReadFromJsonAsync(DirectLineJson.Default.DirectLineConversation))!;
        Assert.Null(generated.StreamUrl);

        using var first = await client.SendAsync(Request(HttpMethod.Post, $"{Prefix}/conversations", generated.Token));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await client.SendAsync(Request(HttpMethod.Post, $"{Prefix}/conversations", generated.Token));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        using var withSecret = await client.SendAsync(Request(HttpMethod.Post, $"{Prefix}/conversations", Secret));
        Assert.Equal(HttpStatusCode.Created, withSecret.StatusCode);
        var started = (await withSecret.Content.ReadFromJsonAsync(DirectLineJson.Default.DirectLineConversation))!;
        Assert.NotEqual(generated.ConversationId, started.ConversationId);
        Assert.NotNull(started.StreamUrl);

        using var tokenGenerates = await client.SendAsync(Request(HttpMethod.Post, $"{Prefix}/tokens/generate", generated.Token));
        await AssertErrorAsync(tokenGenerates, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Reconnect_gives_a_stream_url_from_the_watermark()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);
        await PostAsync(client, conversation, Join());

        using var response = await client.SendAsync(Request(HttpMethod.Get, $"{Prefix}/conversations/{conversation.ConversationId}?watermark=1", conversation.Token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reconnect = (await response.Content.ReadFromJsonAsync(DirectLineJson.Default.DirectLineConversation))!;
        Assert.Contains("/stream?t=", reconnect.StreamUrl, StringComparison.Ordinal);
        Assert.EndsWith("&watermark=1", reconnect.StreamUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSocket_stream_replays_then_pushes_activity_sets()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);
        var joinId = await PostAsync(client, conversation, Join());

        var socketClient = app.Server.CreateWebSocketClient();
        var streamUri = new Uri(conversation.StreamUrl!.Replace("ws://", "ws://", StringComparison.Ordinal));
        using var socket = await socketClient.ConnectAsync(new Uri(app.Server.BaseAddress, streamUri.PathAndQuery), CancellationToken.None);

        var replay = await ReceiveSetAsync(socket);
        Assert.Contains(replay.Activities, a => a.Id == joinId);
        Assert.Contains(replay.Activities, a => Topic(a) == "welcome");
        Assert.Equal("2", replay.Watermark);

        var messageId = await PostAsync(client, conversation, UserMessage("#law", "ws-1"));
        var echo = await ReceiveSetAsync(socket);
        Assert.Equal(messageId, Assert.Single(echo.Activities).Id);
        Assert.Equal("ws-1", ClientActivityId(echo.Activities[0]));
        var reply = await ReceiveSetAsync(socket);
        Assert.Equal(messageId, Assert.Single(reply.Activities).ReplyToId);
        Assert.Equal("law", Topic(reply.Activities[0]));
        Assert.Equal("4", reply.Watermark);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Fact]
    public async Task Deleting_the_conversation_drops_its_transcript_at_once()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);
        await PostAsync(client, conversation, Join());
        await PostAsync(client, conversation, UserMessage("I have thoughts I am worried about", "private-1"));

        var delete = new Activity
        {
            Type = ActivityTypes.Event,
            Name = "preventionbot/delete-conversation",
            From = new ChannelAccount { Id = "r_tester" },
            ChannelData = JsonDocument.Parse("""{"clientActivityID":"del-1"}""").RootElement.Clone(),
        };
        var deleteId = await PostAsync(client, conversation, delete);

        var left = await GetActivitiesAsync(client, conversation);
        Assert.DoesNotContain(left.Activities, a => a.Text?.Contains("worried", StringComparison.Ordinal) == true || Topic(a) == "welcome");
        Assert.Equal(deleteId, left.Activities[0].Id);
        var confirmation = Assert.Single(left.Activities, a => a.ReplyToId == deleteId);
        Assert.Equal("system/deleted", confirmation.ChannelData!.Value.GetProperty("reply").GetString());
    }

    [Fact]
    public async Task Conversation_cap_refuses_new_conversations_with_503()
    {
        await using var app = CreateApp(settings: new() { ["DirectLine:MaxConversations"] = "2" });
        using var client = app.CreateClient();
        await StartAsync(client);
        await StartAsync(client);
        using var third = await client.PostAsync("/api/directline/token", null);
        Assert.Equal("TooManyRequests", await AssertErrorAsync(third, HttpStatusCode.ServiceUnavailable));
        Assert.True(third.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task Transcript_keeps_at_most_the_configured_number_of_activities()
    {
        await using var app = CreateApp(settings: new() { ["DirectLine:MaxActivitiesPerConversation"] = "10" });
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);
        for (var i = 0; i < 8; i++)
        {
            await PostAsync(client, conversation, UserMessage("#law", $"m{i}"));
        }

        var set = await GetActivitiesAsync(client, conversation);
        Assert.Equal(10, set.Activities.Count);
        Assert.Equal("16", set.Watermark);
        Assert.Equal($"{conversation.ConversationId}|0000007", set.Activities[0].Id);
    }

    private static async Task<ActivitySet> ReceiveSetAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                if (message.Length == 0)
                {
                    continue;
                }

                return JsonSerializer.Deserialize(message.ToArray(), DirectLineJson.Default.ActivitySet)!;
            }
        }
    }
}
