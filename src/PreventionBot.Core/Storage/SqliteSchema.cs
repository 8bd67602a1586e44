using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PreventionBot.Core.Storage;

/// <summary>
/// The SQLite file's tables, as numbered steps recorded in <c>PRAGMA user_version</c>: a file from an older build is
/// brought up to date at start, and a step never changes once released (a new shape is a new step).
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE IF NOT EXISTS conversation_state (
            key TEXT PRIMARY KEY NOT NULL,
            schema_version INTEGER NOT NULL,
            last_activity_ms INTEGER NOT NULL,
            state TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_conversation_state_last_activity ON conversation_state(last_activity_ms);
        """,
        // Optimistic concurrency. Rows from before it get version 1: any value but 0, which means "nothing stored".
        "ALTER TABLE conversation_state ADD COLUMN etag INTEGER NOT NULL DEFAULT 1;",
        // Every save changes last_activity_ms, so this index cost a second b-tree's pages in every commit (about half
        // the writer's work) for a purge that runs every few minutes. The purge now pages through the table by key on
        // a read connection instead (SqliteConversationStore.DeleteInactiveSinceAsync).
        "DROP INDEX IF EXISTS ix_conversation_state_last_activity;",
    ];

    public static void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        var applied = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        for (var step = applied; step < Steps.Length; step++)
        {
            command.CommandText = Steps[step];
            command.ExecuteNonQuery();
        }

        if (applied < Steps.Length)
        {
            command.CommandText = $"PRAGMA user_version = {Steps.Length};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
