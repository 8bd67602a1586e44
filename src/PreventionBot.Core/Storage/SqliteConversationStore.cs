using System.Text.Json;
using Microsoft.Data.Sqlite;
using PreventionBot.Core.Conversation;

namespace PreventionBot.Core.Storage;

/// <summary>
/// The embedded default store: one SQLite file. WAL with synchronous=NORMAL means a turn costs no disk sync
/// (the WAL is synced at checkpoints), which is the right trade for state that expires within a day anyway.
/// One connection serialised by a lock: SQLite has a single writer, and this avoids pool churn per turn.
/// </summary>
public sealed class SqliteConversationStore : IConversationStore, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly SqliteCommand _load;
    private readonly SqliteCommand _save;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _deleteInactive;

    public SqliteConversationStore(string databasePath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS conversation_state (
                key TEXT PRIMARY KEY NOT NULL,
                schema_version INTEGER NOT NULL,
                last_activity_ms INTEGER NOT NULL,
                state TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS ix_conversation_state_last_activity ON conversation_state(last_activity_ms);
            """);

        _load = Prepare("SELECT schema_version, state FROM conversation_state WHERE key = $key;", "$key");
        _save = Prepare(
            """
            INSERT INTO conversation_state(key, schema_version, last_activity_ms, state) VALUES ($key, $version, $activity, $state)
            ON CONFLICT(key) DO UPDATE SET schema_version = excluded.schema_version,
                last_activity_ms = excluded.last_activity_ms, state = excluded.state;
            """,
            "$key", "$version", "$activity", "$state");
        _delete = Prepare("DELETE FROM conversation_state WHERE key = $key;", "$key");
        _deleteInactive = Prepare("DELETE FROM conversation_state WHERE last_activity_ms < $cutoff;", "$cutoff");
    }

    public async ValueTask<ConversationState?> LoadAsync(string key, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            _load.Parameters[0].Value = key;
            using var reader = _load.ExecuteReader();
            if (!reader.Read() || reader.GetInt32(0) != ConversationState.CurrentSchemaVersion)
            {
                return null;
            }

            return JsonSerializer.Deserialize(reader.GetString(1), StateJson.Default.ConversationState);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask SaveAsync(string key, ConversationState state, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(state, StateJson.Default.ConversationState);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            _save.Parameters[0].Value = key;
            _save.Parameters[1].Value = state.SchemaVersion;
            _save.Parameters[2].Value = state.LastActivityUtc.ToUnixTimeMilliseconds();
            _save.Parameters[3].Value = json;
            _save.ExecuteNonQuery();
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            _delete.Parameters[0].Value = key;
            _delete.ExecuteNonQuery();
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask<int> DeleteInactiveSinceAsync(DateTimeOffset cutoffUtc, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            _deleteInactive.Parameters[0].Value = cutoffUtc.ToUnixTimeMilliseconds();
            return _deleteInactive.ExecuteNonQuery();
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        _load.Dispose();
        _save.Dispose();
        _delete.Dispose();
        _deleteInactive.Dispose();
        _connection.Dispose();
        _lock.Dispose();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] parameterNames)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
