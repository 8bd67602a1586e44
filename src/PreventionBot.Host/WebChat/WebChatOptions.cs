namespace PreventionBot.Host.WebChat;

/// <summary>Settings of the chat page and the embed (section "WebChat").</summary>
public sealed class WebChatOptions
{
    public const string Section = "WebChat";

    /// <summary>Where "Quick exit" (and Esc pressed three times) sends the browser: a neutral page.</summary>
    public string QuickExitUrl { get; set; } = "https://www.bbc.co.uk/weather";

    /// <summary>
    /// CSP <c>frame-ancestors</c> sources for <c>/chat</c>, the page the embed's iframe shows: "*" (any site may embed
    /// the chat) or a space-separated list such as "'self' https://partner.example". The stand-alone page <c>/</c> and
    /// <c>/demo</c> are never frameable.
    /// </summary>
    public string FrameAncestors { get; set; } = "*";
}
