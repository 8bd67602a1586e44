using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PreventionBot.Core.Conversation;

namespace PreventionBot.Core.Storage;

/// <summary>
/// State in PostgreSQL, for several hosts behind a load balancer: any host can answer any turn of any conversation.
/// There is no cache here, because another host may have saved since; each save is one statement that checks the
/// version, so PostgreSQL itself decides which of two competing turns lands. Commits are durable (PostgreSQL's
/// default synchronous_commit), and PostgreSQL groups concurrent commits into one WAL flush on its own.
/// </summary>
public sealed class PostgresConversationStore : IConversationStore, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Opens the pool and brings the tables up to date (<see cref="PostgresSchema"/>).</summary>
    public PostgresConversationStore(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            PostgresSchema.Migrate(_dataSource);
        }
        catch
        {
            _dataSource.Dispose();
            throw;
        }
    }

    public async ValueTask<ConversationState?> LoadAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT etag, schema_version, state::text FROM conversation_state WHERE key = $1;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return StoredState.FromRow(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2));
    }

    public async ValueTask<bool> TrySaveAsync(string key, ConversationState state, CancellationToken cancellationToken)
    {
        var sql = state.ETag == 0
            ? """
              INSERT INTO conversation_state (key, etag, schema_version, last_activity, state) VALUES ($1, $2, $3, $4, $5)
              ON CONFLICT (key) DO NOTHING;
              """
            : """
              UPDATE conversation_state SET etag = $2, schema_version = $3, last_activity = $4, state = $5
              WHERE key = $1 AND etag = $6;
              """;
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ETags.Next() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = state.SchemaVersion });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = state.LastActivityUtc.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter<string>
        {
            TypedValue = JsonSerializer.Serialize(state, StateJson.Default.ConversationState),
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        if (state.ETag != 0)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = state.ETag });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM conversation_state WHERE key = $1;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<int> DeleteInactiveSinceAsync(DateTimeOffset cutoffUtc, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM conversation_state WHERE last_activity < $1;");
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = cutoffUtc.UtcDateTime });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT 1;");
        return await command.ExecuteScalarAsync(cancellationToken) is 1;
    }

    public void Dispose() => _dataSource.Dispose();
}
