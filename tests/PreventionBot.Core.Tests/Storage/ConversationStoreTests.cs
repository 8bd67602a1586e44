using PreventionBot.Core.Conversation;
using PreventionBot.Core.Storage;
using PreventionBot.Testing;

namespace PreventionBot.Core.Tests.Storage;

/// <summary>Every store honours the same contract, optimistic saves included; SQLite also survives being reopened.</summary>
public sealed class ConversationStoreTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pb-store-" + Guid.NewGuid().ToString("N"));
    private readonly List<IDisposable> _owned = [];

    public static TheoryData<string> Stores() => ["memory", "sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Saved_state_loads_back_and_delete_removes_it(string kind)
    {
        var store = Open(kind);
        var state = new ConversationState { Jurisdiction = "IE", JurisdictionChosenByUser = true, LastReply = "law/main", TurnCount = 3, LastActivityUtc = Noon };

        Assert.True(await store.TrySaveAsync("key", state, default));
        var loaded = await store.LoadAsync("key", default);
        Assert.NotEqual(0, loaded!.ETag);
        Assert.Equal(state, loaded with { ETag = 0 });

        await store.DeleteAsync("key", default);
        Assert.Null(await store.LoadAsync("key", default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_save_from_a_stale_load_is_refused_and_stores_nothing(string kind)
    {
        var store = Open(kind);
        Assert.True(await store.TrySaveAsync("key", new ConversationState { TurnCount = 1, LastActivityUtc = Noon }, default));
        var loaded = (await store.LoadAsync("key", default))!;

        Assert.True(await store.TrySaveAsync("key", loaded with { TurnCount = 2, Jurisdiction = "GB" }, default));
        Assert.False(await store.TrySaveAsync("key", loaded with { TurnCount = 2, Jurisdiction = "US" }, default));
        Assert.False(await store.TrySaveAsync("key", new ConversationState { TurnCount = 1, LastActivityUtc = Noon }, default));

        var stored = (await store.LoadAsync("key", default))!;
        Assert.Equal("GB", stored.Jurisdiction);
        Assert.NotEqual(loaded.ETag, stored.ETag);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_turn_that_loaded_before_a_delete_cannot_bring_the_conversation_back(string kind)
    {
        var store = Open(kind);
        Assert.True(await store.TrySaveAsync("key", new ConversationState { Jurisdiction = "AU", LastActivityUtc = Noon }, default));
        var loaded = (await store.LoadAsync("key", default))!;

        await store.DeleteAsync("key", default);

        Assert.False(await store.TrySaveAsync("key", loaded with { TurnCount = 5 }, default));
        Assert.Null(await store.LoadAsync("key", default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Of_many_saves_racing_from_one_load_exactly_one_lands(string kind)
    {
        var store = Open(kind);
        Assert.True(await store.TrySaveAsync("key", new ConversationState { LastActivityUtc = Noon }, default));
        var loaded = (await store.LoadAsync("key", default))!;

        var saves = Enumerable.Range(1, 16)
            .Select(i => Task.Run(async () => await store.TrySaveAsync("key", loaded with { TurnCount = i }, default)));
        var landed = await Task.WhenAll(saves);

        Assert.Single(landed, saved => saved);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Inactive_conversations_are_deleted_and_active_ones_kept(string kind)
    {
        var store = Open(kind);
        await store.TrySaveAsync("old", new ConversationState { LastActivityUtc = Noon.AddHours(-30) }, default);
        await store.TrySaveAsync("new", new ConversationState { LastActivityUtc = Noon.AddHours(-1) }, default);

        var removed = await store.DeleteInactiveSinceAsync(Noon.AddHours(-24), default);

        Assert.Equal(1, removed);
        Assert.Null(await store.LoadAsync("old", default));
        Assert.NotNull(await store.LoadAsync("new", default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_purge_larger_than_one_page_of_keys_deletes_every_expired_conversation(string kind)
    {
        // The SQLite store deletes expired conversations a page of keys at a time: more than two pages here, with
        // active conversations between them in key order.
        var store = Open(kind);
        for (var i = 0; i < 700; i++)
        {
            var active = i % 7 == 0;
            var state = new ConversationState { TurnCount = i, LastActivityUtc = active ? Noon.AddHours(-1) : Noon.AddHours(-30) };
            Assert.True(await store.TrySaveAsync("key" + i, state, default));
        }

        var removed = await store.DeleteInactiveSinceAsync(Noon.AddHours(-24), default);

        Assert.Equal(600, removed);
        for (var i = 0; i < 700; i++)
        {
            var loaded = await store.LoadAsync("key" + i, default);
            Assert.Equal(i % 7 == 0, loaded is not null);
        }

        Assert.Equal(0, await store.DeleteInactiveSinceAsync(Noon.AddHours(-24), default));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Conversations_taking_turns_side_by_side_keep_every_turn(string kind)
    {
        // Like the engine under load: each conversation loads, then saves against what it loaded, one turn at a time,
        // while the others do the same; on SQLite their saves share group commits. No turn may be lost or doubled.
        var store = Open(kind);
        const int conversations = 32, turns = 40;
        var refused = 0;
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(c => Task.Run(async () =>
        {
            for (var turn = 1; turn <= turns; turn++)
            {
                var loaded = await store.LoadAsync("key" + c, default) ?? new ConversationState();
                if (!await store.TrySaveAsync("key" + c, loaded with { TurnCount = loaded.TurnCount + 1, LastActivityUtc = Noon }, default))
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }))).WaitAsync(TimeSpan.FromMinutes(2)); // a save that is never committed fails the test instead of hanging it

        Assert.Equal(0, refused);
        for (var c = 0; c < conversations; c++)
        {
            Assert.Equal(turns, (await store.LoadAsync("key" + c, default))!.TurnCount);
        }
    }

    [Fact]
    public async Task Sqlite_commits_a_burst_of_saves_larger_than_one_transaction()
    {
        // More saves at once than one transaction takes (1,024): every one is acknowledged and in the file.
        var path = Path.Combine(_folder, "burst.db");
        using (var store = new SqliteConversationStore(path))
        {
            var saves = Enumerable.Range(0, 3000)
                .Select(i => store.TrySaveAsync("key" + i, new ConversationState { TurnCount = i, LastActivityUtc = Noon }, default).AsTask())
                .ToArray();
            Assert.All(await Task.WhenAll(saves), Assert.True);
        }

        using var reopened = new SqliteConversationStore(path, cacheCapacity: 0);
        for (var i = 0; i < 3000; i++)
        {
            Assert.Equal(i, (await reopened.LoadAsync("key" + i, default))!.TurnCount);
        }
    }

    [Fact]
    public async Task Sqlite_dispose_commits_the_saves_already_queued_and_refuses_later_ones()
    {
        var path = Path.Combine(_folder, "dispose.db");
        var store = new SqliteConversationStore(path);
        var saves = Enumerable.Range(0, 500)
            .Select(i => store.TrySaveAsync("key" + i, new ConversationState { TurnCount = i, LastActivityUtc = Noon }, default).AsTask())
            .ToArray();

        store.Dispose();

        // Disposing waited for their commit, so each is acknowledged, and stored.
        Assert.All(await Task.WhenAll(saves), Assert.True);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.TrySaveAsync("late", new ConversationState(), default));
        using var reopened = new SqliteConversationStore(path, cacheCapacity: 0);
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(i, (await reopened.LoadAsync("key" + i, default))!.TurnCount);
        }

        Assert.Null(await reopened.LoadAsync("late", default));
    }

    [Fact]
    public async Task Sqlite_purge_reads_the_file_not_the_cache()
    {
        // Expired conversations that fell out of the cache, and ones still in it, are both deleted from the file.
        var path = Path.Combine(_folder, "purge.db");
        using var store = new SqliteConversationStore(path, cacheCapacity: 10);
        for (var i = 0; i < 100; i++)
        {
            await store.TrySaveAsync("key" + i, new ConversationState { LastActivityUtc = Noon.AddHours(-30) }, default);
        }

        Assert.Equal(100, await store.DeleteInactiveSinceAsync(Noon.AddHours(-24), default));
        using var reopened = new SqliteConversationStore(path, cacheCapacity: 0);
        for (var i = 0; i < 100; i++)
        {
            Assert.Null(await store.LoadAsync("key" + i, default));
            Assert.Null(await reopened.LoadAsync("key" + i, default));
        }
    }

    [Fact]
    public async Task Sqlite_upgrade_drops_the_activity_index_and_keeps_the_rows()
    {
        // A file from the build before: schema steps 1 and 2, with the index every save had to maintain.
        var path = Path.Combine(_folder, "indexed.db");
        RunSql(path, """
            CREATE TABLE conversation_state (key TEXT PRIMARY KEY NOT NULL, schema_version INTEGER NOT NULL,
                last_activity_ms INTEGER NOT NULL, state TEXT NOT NULL) WITHOUT ROWID;
            CREATE INDEX ix_conversation_state_last_activity ON conversation_state(last_activity_ms);
            ALTER TABLE conversation_state ADD COLUMN etag INTEGER NOT NULL DEFAULT 1;
            INSERT INTO conversation_state VALUES ('key', 2, 0, '{"schemaVersion":2,"jurisdiction":"IE","turnCount":7}', 42);
            PRAGMA user_version = 2;
            """);

        using (var store = new SqliteConversationStore(path))
        {
            var loaded = (await store.LoadAsync("key", default))!;
            Assert.Equal(("IE", 7, 42L), (loaded.Jurisdiction, loaded.TurnCount, loaded.ETag));
            Assert.True(await store.TrySaveAsync("key", loaded with { TurnCount = 8 }, default));
        }

        Assert.Equal(0L, RunSql(path, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_conversation_state_last_activity';"));

        using var reopened = new SqliteConversationStore(path, cacheCapacity: 0);
        Assert.Equal(8, (await reopened.LoadAsync("key", default))!.TurnCount);
    }

    [Fact]
    public async Task Sqlite_keeps_state_across_reopening()
    {
        var path = Path.Combine(_folder, "state.db");
        using (var first = new SqliteConversationStore(path))
        {
            await first.TrySaveAsync("key", new ConversationState { Jurisdiction = "AU", LastActivityUtc = Noon }, default);
        }

        using var second = new SqliteConversationStore(path);
        Assert.Equal("AU", (await second.LoadAsync("key", default))!.Jurisdiction);
    }

    [Fact]
    public async Task Postgres_keeps_state_across_reopening_and_migrates_once()
    {
        using var database = TestPostgres.CreateDatabase();
        using (var first = new PostgresConversationStore(database.ConnectionString))
        {
            await first.TrySaveAsync("key", new ConversationState { Jurisdiction = "AU", LastActivityUtc = Noon }, default);
        }

        using var second = new PostgresConversationStore(database.ConnectionString);
        Assert.Equal("AU", (await second.LoadAsync("key", default))!.Jurisdiction);
    }

    [Fact]
    public async Task Sqlite_bounds_its_cache_and_still_loads_what_fell_out_of_it()
    {
        using var store = new SqliteConversationStore(Path.Combine(_folder, "cache.db"), cacheCapacity: 50);
        for (var i = 0; i < 200; i++)
        {
            Assert.True(await store.TrySaveAsync("key" + i, new ConversationState { TurnCount = i, LastActivityUtc = Noon }, default));
        }

        Assert.InRange(store.CachedCount, 1, 50);
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(i, (await store.LoadAsync("key" + i, default))!.TurnCount);
        }
    }

    [Fact]
    public async Task Sqlite_upgrades_a_file_written_before_versions_existed()
    {
        var path = Path.Combine(_folder, "old.db");
        RunSql(path, """
            CREATE TABLE conversation_state (key TEXT PRIMARY KEY NOT NULL, schema_version INTEGER NOT NULL,
                last_activity_ms INTEGER NOT NULL, state TEXT NOT NULL) WITHOUT ROWID;
            INSERT INTO conversation_state VALUES ('key', 2, 0, '{"jurisdiction":"CA","turnCount":4}');
            """);

        using var store = new SqliteConversationStore(path);
        var loaded = (await store.LoadAsync("key", default))!;

        Assert.Equal("CA", loaded.Jurisdiction);
        Assert.True(await store.TrySaveAsync("key", loaded with { TurnCount = 5 }, default));
    }

    [Fact]
    public async Task Sqlite_discards_state_of_another_schema_version_and_lets_a_new_one_replace_it()
    {
        using var store = new SqliteConversationStore(Path.Combine(_folder, "v.db"));
        await store.TrySaveAsync("key", new ConversationState { SchemaVersion = 0, Jurisdiction = "GB", LastActivityUtc = Noon }, default);
        using var reopened = new SqliteConversationStore(Path.Combine(_folder, "v.db"), cacheCapacity: 0);

        var loaded = (await reopened.LoadAsync("key", default))!;

        Assert.Null(loaded.Jurisdiction);
        Assert.True(await reopened.TrySaveAsync("key", loaded with { Jurisdiction = "IE" }, default));
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private IConversationStore Open(string kind) => Open(kind, _owned, _folder);

    /// <summary>A new, empty store of the kind; what must be disposed after the test goes into <paramref name="owned"/>.</summary>
    internal static IConversationStore Open(string kind, List<IDisposable> owned, string folder)
    {
        switch (kind)
        {
            case "memory":
                return new InMemoryConversationStore();
            case "sqlite":
                var sqlite = new SqliteConversationStore(Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db"));
                owned.Add(sqlite);
                return sqlite;
            default:
                var database = TestPostgres.CreateDatabase();
                var postgres = new PostgresConversationStore(database.ConnectionString);
                owned.Add(postgres);
                owned.Add(database);
                return postgres;
        }
    }

    /// <summary>Runs SQL straight on a store file (writing one as an older build left it, or reading what a store did to
    /// it) and returns the first column of the first row, if any.</summary>
    private object? RunSql(string path, string sql)
    {
        Directory.CreateDirectory(_folder);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + path + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        object? first = null;
        using var reader = command.ExecuteReader();
        do
        {
            // Every statement runs, in order; the first value any of them returns is the answer.
            if (first is null && reader.FieldCount > 0 && reader.Read())
            {
                first = reader.GetValue(0);
            }
        }
        while (reader.NextResult());

        return first;
    }
}
