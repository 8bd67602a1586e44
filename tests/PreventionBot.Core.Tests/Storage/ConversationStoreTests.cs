using PreventionBot.Core.Conversation;
using PreventionBot.Core.Storage;

namespace PreventionBot.Core.Tests.Storage;

/// <summary>Both stores honour the same contract; SQLite also survives being reopened.</summary>
public sealed class ConversationStoreTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pb-store-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Stores() => ["memory", "sqlite"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Saved_state_loads_back_and_delete_removes_it(string kind)
    {
        using var owner = Open(kind, out var store);
        var state = new ConversationState { Jurisdiction = "IE", JurisdictionChosenByUser = true, LastReply = "law/main", TurnCount = 3, LastActivityUtc = Noon };

        await store.SaveAsync("key", state, default);
        Assert.Equal(state, await store.LoadAsync("key", default));

        await store.DeleteAsync("key", default);
        Assert.Null(await store.LoadAsync("key", default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Inactive_conversations_are_deleted_and_active_ones_kept(string kind)
    {
        using var owner = Open(kind, out var store);
        await store.SaveAsync("old", new ConversationState { LastActivityUtc = Noon.AddHours(-30) }, default);
        await store.SaveAsync("new", new ConversationState { LastActivityUtc = Noon.AddHours(-1) }, default);

        var removed = await store.DeleteInactiveSinceAsync(Noon.AddHours(-24), default);

        Assert.Equal(1, removed);
        Assert.Null(await store.LoadAsync("old", default));
        Assert.NotNull(await store.LoadAsync("new", default));
    }

    [Fact]
    public async Task Sqlite_keeps_state_across_reopening()
    {
        var path = Path.Combine(_folder, "state.db");
        using (var first = new SqliteConversationStore(path))
        {
            await first.SaveAsync("key", new ConversationState { Jurisdiction = "AU", LastActivityUtc = Noon }, default);
        }

        using var second = new SqliteConversationStore(path);
        Assert.Equal("AU", (await second.LoadAsync("key", default))!.Jurisdiction);
    }

    [Fact]
    public async Task Sqlite_discards_state_of_another_schema_version()
    {
        using var store = new SqliteConversationStore(Path.Combine(_folder, "v.db"));
        await store.SaveAsync("key", new ConversationState { SchemaVersion = 0, LastActivityUtc = Noon }, default);

        Assert.Null(await store.LoadAsync("key", default));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private SqliteConversationStore? Open(string kind, out IConversationStore store)
    {
        if (kind == "memory")
        {
            store = new InMemoryConversationStore();
            return null;
        }

        var sqlite = new SqliteConversationStore(Path.Combine(_folder, kind + ".db"));
        store = sqlite;
        return sqlite;
    }
}
