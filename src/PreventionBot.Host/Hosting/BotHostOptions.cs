namespace PreventionBot.Host.Hosting;

/// <summary>The host's own settings (section "Bot"); each is listed in the README's configuration table.</summary>
public sealed class BotHostOptions
{
    public const string Section = "Bot";

    /// <summary>Request bodies above this are refused with 413 before they are parsed.</summary>
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Hosts the bot may POST replies to (the activity's serviceUrl). Without channel authentication anyone can
    /// name a serviceUrl, so the default allows only this machine (the Emulator, local tests) and Azure Bot Service.
    /// A leading "*." matches subdomains.
    /// </summary>
    public List<string> AllowedServiceUrlHosts { get; set; } = ["localhost", "127.0.0.1", "[::1]", "*.botframework.com", "*.botframework.us"];
}

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
