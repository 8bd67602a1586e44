namespace PreventionBot.Host.Turns;

/// <summary>Where conversation state is kept (section "Storage").</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>"sqlite" (default, survives restarts) or "memory".</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Relative paths are under the working directory.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "preventionbot.db");

    /// <summary>How often conversations past their expiry are deleted.</summary>
    public int PurgeIntervalMinutes { get; set; } = 10;
}
