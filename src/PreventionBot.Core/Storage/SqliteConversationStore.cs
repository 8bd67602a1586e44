using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using PreventionBot.Core.Conversation;

namespace PreventionBot.Core.Storage;

/// <summary>
/// The embedded default store: one SQLite file, owned by one process.
/// <list type="bullet">
/// <item>Group commit: SQLite has a single writer and a commit is its costly step, so every write goes through one
/// writer thread that puts all the writes waiting for it into one transaction. A batch is whatever arrived while the
/// previous one committed: one save alone at low load, hundreds together under load. A save is acknowledged only after
/// its transaction has committed.</item>
/// <item>WAL with synchronous=NORMAL: a commit is in the WAL file when it returns, so it survives the process being
/// killed; only an operating-system crash or power cut can lose the last commits before a checkpoint. That is the
/// right trade for state that expires within a day anyway.</item>
/// <item>A bounded cache of hot conversations: the writer is the only one who changes the file, so what it committed
/// last is what a load would read. Loads of cached conversations touch neither SQLite nor JSON.</item>
/// </list>
/// </summary>
public sealed class SqliteConversationStore : IConversationStore, IDisposable
{
    /// <summary>Enough for every conversation active within a few minutes on a busy host; about 300 bytes each.</summary>
    public const int DefaultCacheCapacity = 10_000;

    // A transaction is never held open longer than this many writes, so one huge burst cannot delay its first saves.
    private const int MaxBatch = 1024;

    private readonly string _connectionString;
    private readonly HotConversations _cache;
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly System.Collections.Concurrent.ConcurrentBag<StateReader> _readers = [];
    private readonly Thread _writer;
    private readonly SqliteConnection _writeConnection;
    private bool _disposed;

    public SqliteConversationStore(string databasePath, int cacheCapacity = DefaultCacheCapacity)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        _cache = new HotConversations(cacheCapacity);
        _writeConnection = new SqliteConnection(_connectionString);
        _writeConnection.Open();
        Execute(_writeConnection, "PRAGMA journal_mode=WAL;");
        Execute(_writeConnection, "PRAGMA synchronous=NORMAL;");
        SqliteSchema.Migrate(_writeConnection);

        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "sqlite-group-commit" };
        _writer.Start();
    }

    /// <summary>How many conversations the cache holds now (for tests).</summary>
    internal int CachedCount => _cache.Count;

    public ValueTask<ConversationState?> LoadAsync(string key, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_cache.TryGet(key, out var cached))
        {
            return ValueTask.FromResult(cached);
        }

        // Reads run beside the writer (WAL lets them), each on a connection of its own.
        var reader = _readers.TryTake(out var pooled) ? pooled : new StateReader(_connectionString);
        try
        {
            return ValueTask.FromResult(reader.Load(key));
        }
        finally
        {
            _readers.Add(reader);
        }
    }

    public async ValueTask<bool> TrySaveAsync(string key, ConversationState state, CancellationToken cancellationToken)
    {
        // Serialised on the caller's thread, so the writer thread does nothing but SQLite.
        var json = JsonSerializer.Serialize(state, StateJson.Default.ConversationState);
        var write = new PendingWrite(WriteKind.Save, key, state with { ETag = ETags.Next() }, state.ETag, json, default);
        return await Enqueue(write).WaitAsync(cancellationToken) == 1;
    }

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken) =>
        await Enqueue(new PendingWrite(WriteKind.Delete, key, null, 0, null, default)).WaitAsync(cancellationToken);

    public async ValueTask<int> DeleteInactiveSinceAsync(DateTimeOffset cutoffUtc, CancellationToken cancellationToken) =>
        await Enqueue(new PendingWrite(WriteKind.DeleteInactive, string.Empty, null, 0, null, cutoffUtc)).WaitAsync(cancellationToken);

    /// <summary>The writer thread is running and a read connection answers (the file is still there and readable).</summary>
    public ValueTask<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        if (_disposed || !_writer.IsAlive)
        {
            return ValueTask.FromResult(false);
        }

        var reader = _readers.TryTake(out var pooled) ? pooled : new StateReader(_connectionString);
        try
        {
            return ValueTask.FromResult(reader.Ping());
        }
        finally
        {
            _readers.Add(reader);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writes.Writer.TryComplete();
        _writer.Join();
        _writeConnection.Dispose();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private Task<int> Enqueue(PendingWrite write)
    {
        ObjectDisposedException.ThrowIf(!_writes.Writer.TryWrite(write), this);
        return write.Done.Task;
    }

    private void WriteLoop()
    {
        using var statements = new WriteStatements(_writeConnection);
        var batch = new List<PendingWrite>(MaxBatch);
        while (_writes.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            Commit(statements, batch);
            batch.Clear();
        }
    }

    private void Commit(WriteStatements statements, List<PendingWrite> batch)
    {
        var results = new int[batch.Count];
        try
        {
            using var transaction = _writeConnection.BeginTransaction();
            statements.Enlist(transaction);
            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = statements.Run(batch[i]);
            }

            transaction.Commit();
        }
        catch (Exception e)
        {
            // Nothing of this batch is stored, and the cache still holds only what was committed before it.
            foreach (var write in batch)
            {
                write.Done.TrySetException(e);
            }

            return;
        }

        // Committed: the cache learns the new versions before anyone hears of them.
        for (var i = 0; i < batch.Count; i++)
        {
            var write = batch[i];
            switch (write.Kind)
            {
                case WriteKind.Save when results[i] == 1:
                    _cache.Set(write.Key, write.State!);
                    break;
                case WriteKind.Save or WriteKind.Delete:
                    _cache.Remove(write.Key);
                    break;
                case WriteKind.DeleteInactive:
                    _cache.RemoveInactiveSince(write.CutoffUtc);
                    break;
            }
        }

        _cache.Trim();
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(results[i]);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private enum WriteKind
    {
        Save,
        Delete,
        DeleteInactive,
    }

    /// <summary>One write waiting for the writer thread; <see cref="Done"/> gets the rows it changed.</summary>
    private sealed record PendingWrite(WriteKind Kind, string Key, ConversationState? State, long ExpectedETag, string? Json, DateTimeOffset CutoffUtc)
    {
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The writer's prepared statements. Versions are checked in SQL, inside the batch's transaction, so two
    /// saves of one conversation in the same batch are told apart exactly as if they had been committed one by one.</summary>
    private sealed class WriteStatements : IDisposable
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _update;
        private readonly SqliteCommand _delete;
        private readonly SqliteCommand _deleteInactive;

        public WriteStatements(SqliteConnection connection)
        {
            _insert = Prepare(connection, """
                INSERT INTO conversation_state(key, etag, schema_version, last_activity_ms, state) VALUES ($key, $etag, $version, $activity, $state)
                ON CONFLICT(key) DO NOTHING;
                """, "$key", "$etag", "$version", "$activity", "$state");
            _update = Prepare(connection, """
                UPDATE conversation_state SET etag = $etag, schema_version = $version, last_activity_ms = $activity, state = $state
                WHERE key = $key AND etag = $expected;
                """, "$key", "$etag", "$version", "$activity", "$state", "$expected");
            _delete = Prepare(connection, "DELETE FROM conversation_state WHERE key = $key;", "$key");
            _deleteInactive = Prepare(connection, "DELETE FROM conversation_state WHERE last_activity_ms < $cutoff;", "$cutoff");
        }

        public void Enlist(SqliteTransaction transaction)
        {
            _insert.Transaction = transaction;
            _update.Transaction = transaction;
            _delete.Transaction = transaction;
            _deleteInactive.Transaction = transaction;
        }

        public int Run(PendingWrite write)
        {
            switch (write.Kind)
            {
                case WriteKind.Save:
                    var command = write.ExpectedETag == 0 ? _insert : _update;
                    var state = write.State!;
                    command.Parameters[0].Value = write.Key;
                    command.Parameters[1].Value = state.ETag;
                    command.Parameters[2].Value = state.SchemaVersion;
                    command.Parameters[3].Value = state.LastActivityUtc.ToUnixTimeMilliseconds();
                    command.Parameters[4].Value = write.Json;
                    if (command == _update)
                    {
                        command.Parameters[5].Value = write.ExpectedETag;
                    }

                    return command.ExecuteNonQuery();

                case WriteKind.Delete:
                    _delete.Parameters[0].Value = write.Key;
                    return _delete.ExecuteNonQuery();

                default:
                    _deleteInactive.Parameters[0].Value = write.CutoffUtc.ToUnixTimeMilliseconds();
                    return _deleteInactive.ExecuteNonQuery();
            }
        }

        public void Dispose()
        {
            _insert.Dispose();
            _update.Dispose();
            _delete.Dispose();
            _deleteInactive.Dispose();
        }
    }

    /// <summary>A connection with its prepared load, used by one load at a time.</summary>
    private sealed class StateReader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _load;

        public StateReader(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            _load = Prepare(_connection, "SELECT etag, schema_version, state FROM conversation_state WHERE key = $key;", "$key");
        }

        /// <summary>Reads the schema's first page: fails when the file has gone or cannot be read.</summary>
        public bool Ping()
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master;";
            return command.ExecuteScalar() is long tables && tables > 0;
        }

        public ConversationState? Load(string key)
        {
            _load.Parameters[0].Value = key;
            using var reader = _load.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            return StoredState.FromRow(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2));
        }

        public void Dispose()
        {
            _load.Dispose();
            _connection.Dispose();
        }
    }
}
