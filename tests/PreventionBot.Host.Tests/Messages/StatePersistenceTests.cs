using PreventionBot.Host.Tests.Support;

namespace PreventionBot.Host.Tests.Messages;

public sealed class StatePersistenceTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "pb-restart-" + Guid.NewGuid().ToString("N"), "state.db");

    [Fact]
    public async Task Restarting_the_host_keeps_the_conversation()
    {
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "sqlite", ["Storage:SqlitePath"] = _database };
        using (var first = new BotApplication(settings))
        {
            var client = first.CreateClient();
            await BotApplication.ExchangeAsync(client, BotApplication.ConversationStart("restart-1", locale: null));
            var set = await BotApplication.ExchangeAsync(client, BotApplication.Message("#country/CA", "restart-1", locale: null!));
            Assert.Equal("system/country-set", BotApplication.ReplyOf(set[0]));
        }

        using var second = new BotApplication(settings);
        var replies = await BotApplication.ExchangeAsync(second.CreateClient(), BotApplication.Message("#crisis", "restart-1", locale: null!));

        // Canada's crisis line: the country chosen before the restart is still in force.
        Assert.Equal("crisis", BotApplication.TopicOf(replies[0]));
        Assert.Contains("9-8-8", replies[0].Text, StringComparison.Ordinal);
        Assert.Equal("en-CA", replies[0].Locale);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var folder = Path.GetDirectoryName(_database)!;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
