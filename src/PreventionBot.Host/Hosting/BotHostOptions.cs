namespace PreventionBot.Host.Hosting;

/// <summary>The host's own settings (section "Bot"); each is listed in the README's configuration table.</summary>
public sealed class BotHostOptions
{
    public const string Section = "Bot";

    /// <summary>Request bodies above this are refused with 413 before they are parsed.</summary>
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;
}
