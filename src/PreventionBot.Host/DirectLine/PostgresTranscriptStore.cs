using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Npgsql;
using PreventionBot.Core.Storage;
using PreventionBot.Host.Turns;
using PreventionBot.Protocol.DirectLine;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.DirectLine;

/// <summary>
/// Direct Line conversations in PostgreSQL (Storage:Provider postgres), so a load balancer may send each request to any
/// host: a conversation started on one is posted to and read on another, with the same watermarks. Each append
/// commits with <c>NOTIFY directline, '&lt;conversation id&gt;'</c> (never any text); every host LISTENs on one
/// connection (<see cref="TranscriptNotifications"/>) and wakes the WebSocket it holds for that conversation, which
/// reads what is new from the table. The tables come from <see cref="PostgresSchema"/>; the conversations go when idle
/// for a token lifetime, as in memory. Unlike memory there is no cap on open conversations or on their total size: they
/// are on the database's disk, bounded per conversation by count and size and in time by expiry, and the page token's
/// rate limits bound how fast new ones appear.
/// </summary>
public sealed partial class PostgresTranscriptStore : ITranscriptStore, IDisposable
{
    /// <summary>The NOTIFY channel; its payload is a conversation id and nothing else.</summary>
    public const string Channel = "directline";

    // A class id for pg_advisory_lock(int, int), so turn locks never meet the schema's bigint migration lock.
    private const int TurnLockClass = 0x44_4c_54_4c;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _listenConnectionString;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresTranscriptStore> _logger;
    private readonly TimeSpan _lifetime;
    private readonly TimeSpan _touchInterval;
    private readonly int _maxActivities;
    private readonly int _maxChars;
    private readonly ConcurrentDictionary<string, StreamPump> _streams = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public PostgresTranscriptStore(string connectionString, DirectLineOptions options, TimeProvider time, ILogger<PostgresTranscriptStore> logger)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);

        // The listening connection is idle for long stretches: keepalives notice a connection that died silently.
        _listenConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 30, Pooling = false }.ConnectionString;
        _time = time;
        _logger = logger;
        _lifetime = options.TokenLifetime;

        // Finding a conversation counts as activity, but a poll every second need not write every second.
        _touchInterval = TimeSpan.FromTicks(Math.Min(_lifetime.Ticks / 20, TimeSpan.FromSeconds(15).Ticks));
        _maxActivities = Math.Max(10, options.MaxActivitiesPerConversation);
        _maxChars = Math.Max(10_000, options.MaxTranscriptChars);
    }

    public async ValueTask<string?> CreateAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var id = DirectLineConversations.NewId();
            if (await InsertAsync(id, cancellationToken))
            {
                return id;
            }
        }

        return null;
    }

    public async ValueTask<bool?> StartAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (await FindAsync(conversationId, cancellationToken) is null)
        {
            await InsertAsync(conversationId, cancellationToken);
        }

        await using var command = await CommandAsync("UPDATE directline_conversation SET started = true WHERE id = $1 AND NOT started;", cancellationToken);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async ValueTask<long?> FindAsync(string conversationId, CancellationToken cancellationToken)
    {
        long sequence;
        DateTime lastUsed;
        await using (var read = await CommandAsync("SELECT last_sequence, last_used FROM directline_conversation WHERE id = $1;", cancellationToken))
        {
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (sequence, lastUsed) = (reader.GetInt64(0), reader.GetDateTime(1));
        }

        var now = _time.GetUtcNow().UtcDateTime;
        if (now - lastUsed > _lifetime)
        {
            // Expired: gone now rather than at the next purge (unless another host touched it in between).
            await using var delete = await CommandAsync("DELETE FROM directline_conversation WHERE id = $1 AND last_used = $2;", cancellationToken);
            delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
            delete.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = lastUsed });
            await delete.ExecuteNonQueryAsync(cancellationToken);
            return null;
        }

        if (now - lastUsed >= _touchInterval)
        {
            await using var touch = await CommandAsync("UPDATE directline_conversation SET last_used = $2 WHERE id = $1 AND last_used < $2;", cancellationToken);
            touch.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
            touch.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now });
            await touch.ExecuteNonQueryAsync(cancellationToken);
        }

        return sequence;
    }

    public async ValueTask<ActivityPage?> ReadAfterAsync(string conversationId, long watermark, CancellationToken cancellationToken)
    {
        // One statement, so the watermark and the activities come from the same snapshot.
        await using var command = await CommandAsync(
            """
            SELECT c.last_sequence, a.activity FROM directline_conversation c
            LEFT JOIN directline_activity a ON a.conversation_id = c.id AND a.sequence > $2
            WHERE c.id = $1 ORDER BY a.sequence;
            """,
            cancellationToken);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = watermark });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long? last = null;
        var activities = new List<byte[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            last = reader.GetInt64(0);
            if (!reader.IsDBNull(1))
            {
                // Stored as the serialiser wrote it at append, so it goes out as it is.
                activities.Add(Encoding.UTF8.GetBytes(reader.GetString(1)));
            }
        }

        return last is not { } lastSequence || watermark < 0 || watermark > lastSequence ? null : new ActivityPage(activities, lastSequence);
    }

    /// <summary>0 when the conversation expired during the turn: there is nobody left to read the activity.</summary>
    public async ValueTask<long> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The row lock taken here orders concurrent appends from any host; timestamps strictly increase at the
        // millisecond precision they go out with, so Web Chat orders activities as they were appended.
        var now = _time.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        long sequence;
        DateTime timestamp;
        await using (var next = new NpgsqlCommand(
            """
            UPDATE directline_conversation
            SET last_sequence = last_sequence + 1,
                last_timestamp = greatest($2, last_timestamp + interval '1 millisecond'),
                last_used = greatest(last_used, $2)
            WHERE id = $1 RETURNING last_sequence, last_timestamp;
            """,
            connection,
            transaction))
        {
            next.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
            next.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now });
            await using var reader = await next.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return 0;
            }

            (sequence, timestamp) = (reader.GetInt64(0), reader.GetDateTime(1));
        }

        activity.Id = DirectLineTranscript.IdFor(conversationId, sequence);
        activity.Timestamp = WireTime.Format(new DateTimeOffset(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc)));
        var json = JsonSerializer.Serialize(activity, DirectLineJson.Default.Activity);

        // Kept: the newest activities, at most _maxActivities of them and _maxChars together (but always the newest).
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Statement("INSERT INTO directline_activity (conversation_id, sequence, size, activity) VALUES ($1, $2, $3, $4);", conversationId, sequence, json.Length, json),
                Statement(
                    """
                    DELETE FROM directline_activity d USING (
                        SELECT sequence, sum(size) OVER (ORDER BY sequence DESC) AS kept
                        FROM directline_activity WHERE conversation_id = $1) k
                    WHERE d.conversation_id = $1 AND d.sequence = k.sequence
                      AND (d.sequence <= $2 - $3 OR (k.kept > $4 AND d.sequence < $2));
                    """,
                    conversationId,
                    sequence,
                    (long)_maxActivities,
                    (long)_maxChars),
                Statement($"SELECT pg_notify('{Channel}', $1);", conversationId),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return sequence;
    }

    public async ValueTask ForgetBeforeAsync(string conversationId, long sequence, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync("DELETE FROM directline_activity WHERE conversation_id = $1 AND sequence < $2;", cancellationToken);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// A session advisory lock on the conversation, held on a connection of its own for the turn, so turns queue across
    /// hosts as they do in memory. If the host dies, PostgreSQL ends the session and the lock with it.
    /// </summary>
    public async ValueTask<IAsyncDisposable> LockTurnsAsync(string conversationId, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({TurnLockClass}, hashtext($1));", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new TurnLock(connection, conversationId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask<bool> SubscribeAsync(string conversationId, StreamSubscriber subscriber, long watermark, CancellationToken cancellationToken)
    {
        if (await FindAsync(conversationId, cancellationToken) is not { } last || watermark < 0 || watermark > last)
        {
            return false;
        }

        // One stream per conversation on this host; as in memory, a second one closes the first ("collision").
        var pump = new StreamPump(this, conversationId, subscriber, watermark);
        StreamPump? previous = null;
        _streams.AddOrUpdate(conversationId, pump, (_, existing) =>
        {
            previous = existing;
            return pump;
        });
        previous?.Stop("collision");
        pump.Start();
        return true;
    }

    public void Unsubscribe(string conversationId, StreamSubscriber subscriber)
    {
        if (_streams.TryGetValue(conversationId, out var pump) && ReferenceEquals(pump.Subscriber, subscriber)
            && _streams.TryRemove(new KeyValuePair<string, StreamPump>(conversationId, pump)))
        {
            pump.Stop("client closed");
        }
    }

    public async ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync("DELETE FROM directline_conversation WHERE last_used < $1;", cancellationToken);
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = (_time.GetUtcNow() - _lifetime).UtcDateTime });
        var removed = await command.ExecuteNonQueryAsync(cancellationToken);

        // A stream held here for a conversation just deleted finds it gone and closes.
        WakeAll();
        return removed;
    }

    /// <summary>A notification arrived: the stream this host holds for the conversation, if any, reads what is new.</summary>
    public void Wake(string conversationId)
    {
        if (_streams.TryGetValue(conversationId, out var pump))
        {
            pump.Wake();
        }
    }

    /// <summary>After the listening connection was (re)opened, every stream reads, in case a notification was missed.</summary>
    public void WakeAll()
    {
        foreach (var pump in _streams.Values)
        {
            pump.Wake();
        }
    }

    /// <summary>The connection <see cref="TranscriptNotifications"/> listens on: unpooled, with keepalives.</summary>
    public async Task<NpgsqlConnection> OpenListeningConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_listenConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var listen = new NpgsqlCommand($"LISTEN {Channel};", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var pump in _streams.Values)
        {
            pump.Stop("conversation ended");
        }

        _dataSource.Dispose();
        _schemaGate.Dispose();
    }

    private async ValueTask<bool> InsertAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            "INSERT INTO directline_conversation (id, started, last_sequence, last_used) VALUES ($1, false, 0, $2) ON CONFLICT (id) DO NOTHING;",
            cancellationToken);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = _time.GetUtcNow().UtcDateTime });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async ValueTask<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        return _dataSource.CreateCommand(sql);
    }

    /// <summary>
    /// Runs the migrations once, on first use rather than at start: a database that is away when the host starts is tried
    /// again by the next request, as the conversation store does.
    /// </summary>
    private async ValueTask EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                await Task.Run(() => PostgresSchema.Migrate(_dataSource), cancellationToken);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private static NpgsqlBatchCommand Statement(string sql, params object[] values)
    {
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            statement.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return statement;
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "A Direct Line stream stopped: reading its transcript failed with {ExceptionType}; the client reconnects")]
    private static partial void StreamReadFailed(ILogger logger, string exceptionType);

    private sealed class TurnLock(NpgsqlConnection connection, string conversationId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({TurnLockClass}, hashtext($1));", connection);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
            finally
            {
                // Were the unlock to fail, closing the session releases the lock anyway (a pooled connection is reset).
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Feeds one WebSocket on this host: each wake reads the activities after the last watermark sent and queues them as
    /// one frame. Wakes that arrive while a read is running fold into one more read, so none is lost and none piles up.
    /// </summary>
    private sealed class StreamPump(PostgresTranscriptStore store, string conversationId, StreamSubscriber subscriber, long watermark)
    {
        private readonly Channel<bool> _wakes = System.Threading.Channels.Channel.CreateBounded<bool>(
            new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

        private long _sent = watermark;
        private volatile bool _stopped;

        public StreamSubscriber Subscriber => subscriber;

        public void Start()
        {
            Wake();
            _ = RunAsync();
        }

        public void Wake() => _wakes.Writer.TryWrite(true);

        /// <summary>No more reads: a read under way finishes (they are short) and its frame goes nowhere.</summary>
        public void Stop(string reason)
        {
            _stopped = true;
            subscriber.Complete(reason);
            _wakes.Writer.TryComplete();
        }

        private async Task RunAsync()
        {
            try
            {
                await foreach (var _ in _wakes.Reader.ReadAllAsync())
                {
                    if (await store.ReadAfterAsync(conversationId, _sent, CancellationToken.None) is not { } page)
                    {
                        subscriber.Complete("conversation ended");
                        return;
                    }

                    if (page.Activities.Count > 0)
                    {
                        subscriber.Send(ActivitySetJson.Write(page.Activities, page.Watermark));
                        _sent = page.Watermark;
                    }
                }
            }
            catch (Exception) when (_stopped)
            {
                // Unsubscribed, replaced, or the host is stopping.
            }
            catch (Exception e)
            {
                // The database went away: close the stream; the client reconnects with its watermark and loses nothing.
                StreamReadFailed(store._logger, e.GetType().Name);
                subscriber.Complete("unavailable");
            }
        }
    }
}
