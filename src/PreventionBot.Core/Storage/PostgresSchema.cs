using Npgsql;

namespace PreventionBot.Core.Storage;

/// <summary>
/// The PostgreSQL tables, as numbered steps recorded in <c>preventionbot_schema</c>. Every host runs this when it opens
/// the store; an advisory lock makes hosts starting together take turns, so each step runs once. A step never changes
/// once released (a new shape is a new step). Public because the host's Direct Line store has tables here too and may be
/// opened before the conversation store is.
/// </summary>
public static class PostgresSchema
{
    // Any constant shared by every host of this application; chosen once, never changed.
    private const long MigrationLock = 0x50726576_426f7431;

    private static readonly string[] Steps =
    [
        """
        CREATE TABLE conversation_state (
            key text PRIMARY KEY,
            etag bigint NOT NULL,
            schema_version integer NOT NULL,
            last_activity timestamptz NOT NULL,
            state jsonb NOT NULL
        );
        CREATE INDEX ix_conversation_state_last_activity ON conversation_state (last_activity);
        """,

        // Direct Line conversations (the host's PostgresTranscriptStore), so every host can serve every one. Activities
        // go with their conversation; the conversation goes when idle for a token lifetime (last_used).
        """
        CREATE TABLE directline_conversation (
            id text PRIMARY KEY,
            started boolean NOT NULL,
            last_sequence bigint NOT NULL,
            last_timestamp timestamptz,
            last_used timestamptz NOT NULL
        );
        CREATE INDEX ix_directline_conversation_last_used ON directline_conversation (last_used);
        CREATE TABLE directline_activity (
            conversation_id text NOT NULL REFERENCES directline_conversation (id) ON DELETE CASCADE,
            sequence bigint NOT NULL,
            size integer NOT NULL,
            activity text NOT NULL,
            PRIMARY KEY (conversation_id, sequence)
        );
        """,
    ];

    public static void Migrate(NpgsqlDataSource dataSource)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock});");
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS preventionbot_schema (version integer NOT NULL);");

        using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM preventionbot_schema;", connection, transaction);
        var applied = (int)read.ExecuteScalar()!;
        for (var step = applied; step < Steps.Length; step++)
        {
            Execute(connection, transaction, Steps[step]);
        }

        if (applied < Steps.Length)
        {
            Execute(connection, transaction, "DELETE FROM preventionbot_schema;");
            Execute(connection, transaction, $"INSERT INTO preventionbot_schema (version) VALUES ({Steps.Length});");
        }

        transaction.Commit();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
