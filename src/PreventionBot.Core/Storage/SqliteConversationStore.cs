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
/// <item>The writer thread's time comes out of turns, so it does as little as it can: one b-tree per save (no index on
/// the activity time; the purge pages through the table on a read connection instead), state as UTF-8 JSON bound as
/// bytes, and checkpoints (copying the WAL into the file, with two fsyncs) on a thread of their own, so a commit never
/// waits for a disk flush.</item>
/// </list>
/// </summary>
public sealed class SqliteConversationStore : IConversationStore, IDisposable
{
    /// <summary>Enough for every conversation active within a few minutes on a busy host; about 300 bytes each.</summary>
    public const int DefaultCacheCapacity = 10_000;

    // A transaction is never held open longer than this many writes, so one huge burst cannot delay its first saves.
    private const int MaxBatch = 1024;

    // How many expired conversations one purge write deletes: small enough that turns committed beside it barely wait.
    private const int PurgeChunk = 256;

    // The writer checkpoints only if the checkpoint thread has fallen this far behind (pages in the WAL, about 16 MB).
    // SQLite's default is 1,000; with the checkpoint thread keeping up, this is the backstop that still bounds the WAL.
    private const int WriterCheckpointPages = 4000;

    // The checkpoint thread runs at most this often: each run copies every page changed since the last one once, so
    // waiting a little lets one copy cover many commits of the same hot pages.
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(100);

    private readonly string _connectionString;
    private readonly HotConversations _cache;
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly System.Collections.Concurrent.ConcurrentBag<StateReader> _readers = [];
    private readonly Thread _writer;
    private readonly SqliteConnection _writeConnection;
    private readonly Thread _checkpointer;
    private readonly SqliteConnection _checkpointConnection;
    private readonly SemaphoreSlim _committed = new(0, 1);
    private volatile bool _disposed;

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
        Execute(_writeConnection, $"PRAGMA wal_autocheckpoint={WriterCheckpointPages};");
        SqliteSchema.Migrate(_writeConnection);

        _checkpointConnection = new SqliteConnection(_connectionString);
        _checkpointConnection.Open();
        Execute(_checkpointConnection, "PRAGMA synchronous=NORMAL;");
        _checkpointer = new Thread(CheckpointLoop) { IsBackground = true, Name = "sqlite-checkpoint" };
        _checkpointer.Start();

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
        return ValueTask.FromResult(Read(key, static (reader, key) => reader.Load(key)));
    }

    public async ValueTask<bool> TrySaveAsync(string key, ConversationState state, CancellationToken cancellationToken)
    {
        // Serialised on the caller's thread, so the writer thread does nothing but SQLite; as UTF-8 bytes, which SQLite
        // stores as they are (a string would be converted to UTF-8 on the writer thread).
        var json = JsonSerializer.SerializeToUtf8Bytes(state, StateJson.Default.ConversationState);
        var write = new PendingWrite(WriteKind.Save, key, state with { ETag = ETags.Next() }, state.ETag, json);
        return await Enqueue(write).WaitAsync(cancellationToken) == 1;
    }

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken) =>
        await Enqueue(new PendingWrite(WriteKind.Delete, key)).WaitAsync(cancellationToken);

    /// <summary>
    /// Finds expired conversations on a read connection, a page of keys at a time in key order (there is no index on
    /// the activity time: see <see cref="SqliteSchema"/>), and has the writer delete each page in its next batch. The
    /// delete checks the time again, so a conversation that had a turn after it was found is kept.
    /// </summary>
    public async ValueTask<int> DeleteInactiveSinceAsync(DateTimeOffset cutoffUtc, CancellationToken cancellationToken)
    {
        var cutoffMs = cutoffUtc.ToUnixTimeMilliseconds();
        var removed = 0;
        var after = string.Empty;
        while (true)
        {
            var keys = Read((cutoffMs, after), static (reader, page) => reader.ExpiredKeys(page.cutoffMs, page.after, PurgeChunk));
            if (keys.Length == 0)
            {
                return removed;
            }

            removed += await Enqueue(new PendingWrite(WriteKind.DeleteExpired, string.Empty, CutoffMs: cutoffMs, Keys: keys)).WaitAsync(cancellationToken);
            if (keys.Length < PurgeChunk)
            {
                return removed;
            }

            after = keys[^1];
        }
    }

    /// <summary>The writer thread is running and a read connection answers (the file is still there and readable).</summary>
    public ValueTask<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        if (_disposed || !_writer.IsAlive)
        {
            return ValueTask.FromResult(false);
        }

        return ValueTask.FromResult(Read(0, static (reader, _) => reader.Ping()));
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
        WakeCheckpointer();
        _checkpointer.Join();
        _checkpointConnection.Dispose();
        _committed.Dispose();
        _writeConnection.Dispose();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private TResult Read<TArgument, TResult>(TArgument argument, Func<StateReader, TArgument, TResult> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var reader = _readers.TryTake(out var pooled) ? pooled : new StateReader(_connectionString);
        try
        {
            return read(reader, argument);
        }
        finally
        {
            _readers.Add(reader);
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
            WakeCheckpointer();
        }
    }

    private void WakeCheckpointer()
    {
        // At most one wake-up waits: a checkpoint that starts later covers every commit before it.
        if (_committed.CurrentCount == 0)
        {
            try
            {
                _committed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit's wake-up got there first; one is enough.
            }
        }
    }

    /// <summary>
    /// Copies committed pages from the WAL into the database file beside the writer (a PASSIVE checkpoint never blocks
    /// it), so the fsyncs a checkpoint needs are not paid inside a commit that 64 turns are waiting for. Crash safety
    /// does not depend on it: a commit is in the WAL before it is acknowledged, checkpointed or not.
    /// </summary>
    private void CheckpointLoop()
    {
        using var checkpoint = _checkpointConnection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        while (true)
        {
            _committed.Wait();
            if (_disposed)
            {
                return;
            }

            try
            {
                checkpoint.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // The file is busy or unreadable: the next wake-up tries again, and the writer's own checkpoint at
                // WriterCheckpointPages still bounds the WAL.
            }

            Thread.Sleep(CheckpointInterval);
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
                case WriteKind.DeleteExpired:
                    // Kept ones too: the next load reads them from the file, which is right either way.
                    foreach (var key in write.Keys!)
                    {
                        _cache.Remove(key);
                    }

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
        DeleteExpired,
    }

    /// <summary>One write waiting for the writer thread; <see cref="Done"/> gets the rows it changed.</summary>
    private sealed record PendingWrite(
        WriteKind Kind,
        string Key,
        ConversationState? State = null,
        long ExpectedETag = 0,
        byte[]? Json = null,
        long CutoffMs = 0,
        string[]? Keys = null)
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
        private readonly SqliteCommand _deleteExpired;

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
            _deleteExpired = Prepare(connection, "DELETE FROM conversation_state WHERE key = $key AND last_activity_ms < $cutoff;", "$key", "$cutoff");
        }

        public void Enlist(SqliteTransaction transaction)
        {
            _insert.Transaction = transaction;
            _update.Transaction = transaction;
            _delete.Transaction = transaction;
            _deleteExpired.Transaction = transaction;
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
                    var deleted = 0;
                    _deleteExpired.Parameters[1].Value = write.CutoffMs;
                    foreach (var key in write.Keys!)
                    {
                        _deleteExpired.Parameters[0].Value = key;
                        deleted += _deleteExpired.ExecuteNonQuery();
                    }

                    return deleted;
            }
        }

        public void Dispose()
        {
            _insert.Dispose();
            _update.Dispose();
            _delete.Dispose();
            _deleteExpired.Dispose();
        }
    }

    /// <summary>A connection with its prepared load, used by one load at a time.</summary>
    private sealed class StateReader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _load;
        private readonly SqliteCommand _expired;

        public StateReader(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            _load = Prepare(_connection, "SELECT etag, schema_version, state FROM conversation_state WHERE key = $key;", "$key");
            _expired = Prepare(
                _connection,
                "SELECT key FROM conversation_state WHERE key > $after AND last_activity_ms < $cutoff ORDER BY key LIMIT $limit;",
                "$after",
                "$cutoff",
                "$limit");
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

            // Bytes whether the row holds a BLOB (saved by this build) or TEXT (saved before it): SQLite hands out
            // text as its UTF-8 bytes.
            return StoredState.FromRow(reader.GetInt64(0), reader.GetInt32(1), reader.GetFieldValue<byte[]>(2));
        }

        /// <summary>Up to <paramref name="limit"/> keys after <paramref name="after"/>, in key order, of conversations
        /// inactive since before the cutoff: a walk along the primary key that resumes where the last page ended.</summary>
        public string[] ExpiredKeys(long cutoffMs, string after, int limit)
        {
            _expired.Parameters[0].Value = after;
            _expired.Parameters[1].Value = cutoffMs;
            _expired.Parameters[2].Value = limit;
            using var reader = _expired.ExecuteReader();
            var keys = new List<string>(limit);
            while (reader.Read())
            {
                keys.Add(reader.GetString(0));
            }

            return [.. keys];
        }

        public void Dispose()
        {
            _load.Dispose();
            _expired.Dispose();
            _connection.Dispose();
        }
    }
}
