using Npgsql;

namespace PreventionBot.Core.Storage;

/// <summary>
/// The PostgreSQL tables, as numbered steps recorded in <c>preventionbot_schema</c>. Every host runs this when it opens
/// the store; an advisory lock makes hosts starting together take turns, so each step runs once. A step never changes
/// once released (a new shape is a new step).
/// </summary>
internal static class PostgresSchema
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
