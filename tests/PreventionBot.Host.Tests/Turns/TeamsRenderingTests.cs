using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PreventionBot.Host.Tests.Browser;
using PreventionBot.Host.Tests.Support;
using PreventionBot.Protocol;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Tests.Turns;

/// <summary>
/// Microsoft Teams activities as the official JS SDK shapes and reads them (tests/node/protocol writes the fixtures and,
/// in expectations/teams.json, what the SDK's Teams helpers read from each): the bot's @mention is not part of the
/// message, suggested actions are at most three imBack ones and only in personal chats, and the full menu comes as
/// hero cards whose messageBack buttons send the button's value.
/// </summary>
public sealed class TeamsRenderingTests : IClassFixture<TeamsRenderingTests.Host>
{
    private readonly HttpClient _client;

    public TeamsRenderingTests(Host host) => _client = host.CreateClient();

    [Fact]
    public async Task A_personal_chat_gets_three_imBack_suggested_actions_and_the_full_menu_as_a_hero_card()
    {
        var welcome = Assert.Single(await ExchangeAsync(Fixture("teams-personal-message"), text: "#welcome"));

        var suggested = welcome.SuggestedActions!.Actions;
        Assert.Equal(3, suggested.Count);
        Assert.All(suggested, a => Assert.Equal(ActionTypes.ImBack, a.Type));
        Assert.All(suggested, a => Assert.Equal(a.Title, a.Value!.Value.GetString()));

        var buttons = HeroCardButtons(welcome);
        Assert.True(buttons.Count > 3, $"the welcome has {buttons.Count} buttons");
        Assert.All(buttons, b => Assert.Equal(ActionTypes.MessageBack, b.Type));
        Assert.All(buttons, b => Assert.StartsWith("#", b.Text, StringComparison.Ordinal));
        Assert.All(buttons, b => Assert.Equal(b.Title, b.DisplayText));
        Assert.Equal(suggested.Select(a => a.Title), buttons.Take(3).Select(b => b.Title));
        Assert.Equal("a:1personal-conversation", welcome.Conversation!.Id);
        Assert.Equal("personal", welcome.Conversation.ConversationType);
        Assert.Equal(Expectation("teams-personal-message").GetProperty("tenantId").GetString(), welcome.Conversation.TenantId);
        Assert.Equal("28:00000000-0000-4000-8000-0000000000b0", welcome.From!.Id);
    }

    [Fact]
    public async Task Pressing_a_suggested_action_in_Teams_is_understood_as_the_button_it_is()
    {
        var welcome = Assert.Single(await ExchangeAsync(Fixture("teams-personal-message"), text: "#welcome"));
        var imBack = welcome.SuggestedActions!.Actions[1];
        var messageBack = HeroCardButtons(welcome)[1];

        var viaTitle = await ExchangeAsync(Fixture("teams-personal-message"), text: imBack.Value!.Value.GetString());
        var viaValue = await ExchangeAsync(Fixture("teams-personal-messageback"), text: messageBack.Text);

        Assert.Equal(BotApplication.ReplyOf(viaValue[0]), BotApplication.ReplyOf(viaTitle[0]));
    }

    [Fact]
    public async Task The_bots_mention_is_not_part_of_a_channel_message_and_channels_get_no_suggested_actions()
    {
        var expected = Expectation("teams-channel-mention");
        var mentioned = await ExchangeAsync(Fixture("teams-channel-mention"));
        var plain = await ExchangeAsync(Fixture("teams-personal-message"), text: expected.GetProperty("textWithoutMention").GetString());

        Assert.Equal(BotApplication.TopicOf(plain[0]), BotApplication.TopicOf(mentioned[0]));
        Assert.Equal("law", BotApplication.TopicOf(mentioned[0]));
        Assert.All(mentioned, reply =>
        {
            Assert.Null(reply.SuggestedActions);
            Assert.Equal("channel", reply.Conversation!.ConversationType);
            Assert.True(reply.Conversation.IsGroup);
        });
        Assert.Contains(mentioned, reply => HeroCardButtons(reply).Count > 0);
    }

    [Fact]
    public async Task A_hero_card_messageBack_reaches_the_button_target()
    {
        var replies = await ExchangeAsync(Fixture("teams-personal-messageback"));

        Assert.Equal("#self-help", Expectation("teams-personal-messageback").GetProperty("textWithoutMention").GetString());
        Assert.Equal("self-help", BotApplication.TopicOf(replies[0]));
    }

    [Fact]
    public async Task The_bot_added_to_a_group_chat_is_acknowledged_without_a_reply()
    {
        Assert.Equal("teamsMembersAdded", Expectation("teams-groupchat-bot-added").GetProperty("handler").GetString());

        Assert.Empty(await ExchangeAsync(Fixture("teams-groupchat-bot-added")));
    }

    [Theory]
    [InlineData("webchat", 100)]
    [InlineData("directline", 100)]
    [InlineData("emulator", 100)]
    [InlineData("facebook", 10)]
    [InlineData("slack", 0)]
    [InlineData("some-new-channel", 0)]
    public async Task Other_channels_get_buttons_in_the_form_they_render(string channelId, int maxSuggested)
    {
        var activity = Fixture("teams-personal-message");
        activity.ChannelId = channelId;
        activity.Conversation = new ConversationAccount { Id = "other-" + channelId };
        var count = (await ExchangeAsync(Fixture("teams-personal-messageback"), text: "#welcome"))[0].Attachments!
            .Sum(a => a.Content!.Value.Deserialize(ProtocolJson.Default.HeroCard)!.Buttons!.Count);

        var welcome = Assert.Single(await ExchangeAsync(activity, text: "#welcome"));

        var suggested = welcome.SuggestedActions?.Actions ?? [];
        Assert.Equal(Math.Min(count, maxSuggested), suggested.Count);
        Assert.All(suggested, a => Assert.Equal(ActionTypes.PostBack, a.Type));
        var menu = HeroCardButtons(welcome);
        Assert.Equal(suggested.Count < count ? count : 0, menu.Count);
        Assert.All(menu, b => Assert.Equal(ActionTypes.PostBack, b.Type));
    }

    private async Task<IList<Activity>> ExchangeAsync(Activity activity, string? text = null)
    {
        if (text is not null)
        {
            activity.Text = text;
            activity.Entities = null;
        }

        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        using var response = await _client.PostAsJsonAsync("/api/messages", activity, ProtocolJson.Default.Activity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize(body, ProtocolJson.Default.ExpectedReplies)!.Activities;
    }

    private static List<CardAction> HeroCardButtons(Activity reply) =>
        [.. (reply.Attachments ?? [])
            .Where(a => a.ContentType == HeroCard.ContentType)
            .SelectMany(a => a.Content!.Value.Deserialize(ProtocolJson.Default.HeroCard)!.Buttons ?? [])];

    private static string FixtureFolder() => Path.Combine(KestrelBotHost.RepositoryRoot(), "tests", "node", "protocol", "fixtures");

    private static Activity Fixture(string name)
    {
        var path = Path.Combine(FixtureFolder(), name + ".json");
        Assert.True(File.Exists(path), $"Fixture missing: {name} (./test.sh generates them with the botbuilder npm package)");
        return JsonSerializer.Deserialize(File.ReadAllText(path), ProtocolJson.Default.Activity)!;
    }

    private static JsonElement Expectation(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureFolder(), "expectations", "teams.json")));
        return document.RootElement.GetProperty(name).Clone();
    }

    public sealed class Host : BotApplication;
}
