namespace PreventionBot.Host.Turns;

/// <summary>Where conversation state is kept (section "Storage").</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>"sqlite" (default, survives restarts), "postgres" (several hosts share it; connection string in
    /// ConnectionStrings:Postgres) or "memory".</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Relative paths are under the working directory.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "preventionbot.db");

    /// <summary>How many recently active conversations the SQLite store keeps in memory (0: none).</summary>
    public int CachedConversations { get; set; } = PreventionBot.Core.Storage.SqliteConversationStore.DefaultCacheCapacity;

    /// <summary>How often conversations past their expiry are deleted.</summary>
    public int PurgeIntervalMinutes { get; set; } = 10;
}
