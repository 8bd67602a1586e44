namespace PreventionBot.Host.BotConnector;

/// <summary>How replies to Bot Connector channels are retried (section "Bot").</summary>
public sealed class ReplySenderOptions
{
    /// <summary>Attempts after the first for one activity (a failed token call or a 429/5xx/network failure).</summary>
    public int ReplyRetries { get; set; } = 3;

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter.</summary>
    public int ReplyRetryDelayMilliseconds { get; set; } = 1000;

    /// <summary>One attempt's time limit.</summary>
    public int ReplyTimeoutSeconds { get; set; } = 15;
}
