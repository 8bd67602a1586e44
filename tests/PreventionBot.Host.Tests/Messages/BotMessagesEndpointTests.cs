using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PreventionBot.Host.Tests.Support;
using PreventionBot.Protocol;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Tests.Messages;

public sealed class BotMessagesEndpointTests : IClassFixture<BotMessagesEndpointTests.Host>
{
    private readonly HttpClient _client;

    public BotMessagesEndpointTests(Host host) => _client = host.CreateClient();

    [Fact]
    public async Task Conversation_update_with_the_user_added_gets_the_welcome_inline()
    {
        var replies = await BotApplication.ExchangeAsync(_client, BotApplication.ConversationStart("welcome-1"));

        var welcome = Assert.Single(replies, r => BotApplication.TopicOf(r) == "welcome");
        Assert.Equal(ActivityTypes.Message, welcome.Type);
        Assert.Equal("cu-1", welcome.ReplyToId);
        Assert.Equal("en-GB", welcome.Locale);
        Assert.Contains(welcome.InputHint, new[] { InputHints.AcceptingInput, InputHints.ExpectingInput });
        Assert.Equal("bot-1", welcome.From!.Id);
        Assert.Equal("user-1", welcome.Recipient!.Id);
        Assert.Equal("welcome-1", welcome.Conversation!.Id);
        Assert.NotNull(welcome.SuggestedActions);
        Assert.All(welcome.SuggestedActions!.Actions, a => Assert.Equal(ActionTypes.PostBack, a.Type));
    }

    [Fact]
    public async Task Every_reply_carries_reply_to_id_locale_input_hint_and_topic()
    {
        var replies = await BotApplication.ExchangeAsync(_client, BotApplication.Message("I keep having sexual thoughts about children and I hate it", "tagged-1"));

        Assert.NotEmpty(replies);
        Assert.All(replies, r =>
        {
            Assert.Equal("a1", r.ReplyToId);
            Assert.Equal("en-GB", r.Locale);
            Assert.NotNull(r.InputHint);
            Assert.False(string.IsNullOrEmpty(BotApplication.TopicOf(r)));
        });
        Assert.Equal("self-help", BotApplication.TopicOf(replies[0]));
    }

    [Fact]
    public async Task Conversation_update_without_the_user_is_acknowledged_with_no_replies()
    {
        var update = BotApplication.ConversationStart("bot-only");
        update.MembersAdded = [new ChannelAccount { Id = "bot-1" }];

        Assert.Empty(await BotApplication.ExchangeAsync(_client, update));
    }

    [Fact]
    public async Task Other_activity_types_are_acknowledged_and_ignored()
    {
        var typing = BotApplication.Message("ignored", "typing-1");
        typing.Type = ActivityTypes.Typing;
        Assert.Empty(await BotApplication.ExchangeAsync(_client, typing));

        var unknown = BotApplication.Message("ignored", "unknown-1");
        unknown.Type = "somethingNew";
        Assert.Empty(await BotApplication.ExchangeAsync(_client, unknown));
    }

    [Theory]
    [InlineData("acceptingInput")]
    [InlineData("expectingInput")]
    [InlineData("AcceptingInput")]
    [InlineData("expecting_input")]
    public async Task Any_input_hint_spelling_from_a_client_is_accepted(string hint)
    {
        var message = BotApplication.Message("hello", "hint-" + hint);
        message.InputHint = hint;

        Assert.NotEmpty(await BotApplication.ExchangeAsync(_client, message));
    }

    [Fact]
    public async Task Without_expect_replies_the_bot_answers_202_and_posts_replies_to_the_channel()
    {
        await using var channel = await ChannelListener.StartAsync();
        var message = BotApplication.Message("hello", "conv|1", id: "act|7");
        message.DeliveryMode = null;
        message.ServiceUrl = channel.ServiceUrl;

        using var response = await _client.PostAsJsonAsync("/api/messages", message, ProtocolJson.Default.Activity);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var received = await channel.WaitForAsync(1);
        var (path, reply) = received[0];
        Assert.Equal("/v3/conversations/conv%7C1/activities/act%7C7", path);
        Assert.Equal("act|7", reply.ReplyToId);
        Assert.Equal("conv|1", reply.Conversation!.Id);
        Assert.False(string.IsNullOrEmpty(BotApplication.TopicOf(reply)));
    }

    [Fact]
    public async Task A_service_url_outside_the_allowed_hosts_is_refused()
    {
        var message = BotApplication.Message("hello", "ssrf-1");
        message.DeliveryMode = null;
        message.ServiceUrl = "http://169.254.169.254/latest";

        using var response = await _client.PostAsJsonAsync("/api/messages", message, ProtocolJson.Default.Activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Unknown_fields_in_an_incoming_activity_do_not_break_the_turn()
    {
        const string json = """
            {"type":"message","id":"x1","text":"hello","channelId":"test","deliveryMode":"expectReplies",
             "conversation":{"id":"extra-1","somethingElse":true},"from":{"id":"u"},"recipient":{"id":"b"},
             "futureField":{"nested":[1,2,3]},"entities":[{"type":"clientInfo","locale":"en-GB"}]}
            """;
        using var response = await _client.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), ProtocolJson.Default.ExpectedReplies)!;
        Assert.NotEmpty(body.Activities);
    }

    public sealed class Host : BotApplication;
}
