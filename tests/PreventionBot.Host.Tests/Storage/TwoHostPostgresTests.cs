using PreventionBot.Core.Conversation;
using PreventionBot.Core.Storage;
using PreventionBot.Host.Tests.Support;
using PreventionBot.Testing;

namespace PreventionBot.Host.Tests.Storage;

/// <summary>
/// Two hosts behind a load balancer, sharing one PostgreSQL database: whichever host gets a turn, the conversation goes
/// on where it was, and turns that arrive at both hosts at once all land.
/// </summary>
public sealed class TwoHostPostgresTests : IDisposable
{
    private readonly TestDatabase _database = TestPostgres.CreateDatabase();

    [Fact]
    public async Task A_conversation_begun_on_one_host_continues_on_the_other_with_its_country_topic_and_role()
    {
        using var hostA = Host();
        using var hostB = Host();
        var a = hostA.CreateClient();
        var b = hostB.CreateClient();

        await BotApplication.ExchangeAsync(a, BotApplication.ConversationStart("two-hosts", locale: null));
        var set = await BotApplication.ExchangeAsync(a, BotApplication.Message("#country/CA", "two-hosts", locale: null!, id: "t1"));
        Assert.Equal("system/country-set", BotApplication.ReplyOf(set[0]));

        var onB = await BotApplication.ExchangeAsync(b, BotApplication.Message(
            "i looked at some images online. AI ones. of kids. they werent real kids but i know its wrong and i feel sick about it",
            "two-hosts", locale: null!, id: "t2"));
        Assert.Equal("self-help", BotApplication.TopicOf(onB[0]));
        var role = BotApplication.RoleOf(onB[0]);
        Assert.NotEqual("unknown", role);
        Assert.Equal("en-CA", onB[0].Locale);

        // A follow-up on A is read against the reply B gave, by the role B understood, with the country chosen on A.
        var backOnA = await BotApplication.ExchangeAsync(a, BotApplication.Message("ok. what should i do now", "two-hosts", locale: null!, id: "t3"));
        Assert.Equal("self-help", BotApplication.TopicOf(backOnA[0]));
        Assert.Equal(role, BotApplication.RoleOf(backOnA[0]));
        Assert.Equal("en-CA", backOnA[0].Locale);

        var crisisOnB = await BotApplication.ExchangeAsync(b, BotApplication.Message("#crisis", "two-hosts", locale: null!, id: "t4"));
        Assert.Contains("9-8-8", crisisOnB[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turns_arriving_at_both_hosts_at_once_all_land()
    {
        using var hostA = Host();
        using var hostB = Host();
        var clients = new[] { hostA.CreateClient(), hostB.CreateClient() };

        var turns = Enumerable.Range(0, 16).Select(i =>
            BotApplication.ExchangeAsync(clients[i % 2], BotApplication.Message("hello " + i, "both-hosts", id: "m" + i)));
        var replies = await Task.WhenAll(turns);

        Assert.All(replies, r => Assert.NotEqual(SystemReplies.Error, BotApplication.ReplyOf(r[0])));
        using var store = new PostgresConversationStore(_database.ConnectionString);
        var state = await store.LoadAsync(ConversationKeys.Create("test", "both-hosts"), default);
        Assert.Equal(16, state!.TurnCount);
    }

    public void Dispose() => _database.Dispose();

    private BotApplication Host() => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "postgres",
        ["ConnectionStrings:Postgres"] = _database.ConnectionString,
    });
}
