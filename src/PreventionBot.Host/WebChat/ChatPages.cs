using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PreventionBot.Core;
using PreventionBot.Core.Content;
using PreventionBot.Host.Hosting;

namespace PreventionBot.Host.WebChat;

/// <summary>
/// The HTML pages: <c>/</c> (the chat, stand-alone, never framed), <c>/chat</c> (the same chat for the embed's iframe,
/// frameable per <see cref="WebChatOptions.FrameAncestors"/>), and <c>/demo</c> (a pretend partner site using
/// <c>/embed.js</c>). Each page gets a per-request CSP nonce, which Web Chat also uses for the styles it injects.
/// No inline script, no third-party origin, no cookies.
/// </summary>
internal static partial class ChatPages
{
    /// <summary>Pages answer HEAD as well as GET (link checkers and uptime probes use HEAD).</summary>
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapChatPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/", GetOrHead, (HttpContext context, IOptions<WebChatOptions> options, BotContent content) =>
            Page(context, ChatHtml(options.Value, content, SecurityHeaders.NewNonce(), locale: null, start: null, embedded: false), options.Value, framable: false));

        endpoints.MapMethods("/chat", GetOrHead, (HttpContext context, string? locale, string? start, IOptions<WebChatOptions> options, BotContent content) =>
            Page(context, ChatHtml(options.Value, content, SecurityHeaders.NewNonce(), ValidLocale(locale), ValidTopic(start), embedded: true), options.Value, framable: true));

        endpoints.MapMethods("/demo", GetOrHead, (HttpContext context, IOptions<WebChatOptions> options) =>
            Page(context, (DemoHtml, null), options.Value, framable: false));

        return endpoints;
    }

    /// <summary>A BCP-47-looking tag, or null (the page then uses the browser's language).</summary>
    public static string? ValidLocale(string? locale) =>
        locale is { Length: <= 35 } && LocalePattern().IsMatch(locale) ? locale : null;

    /// <summary>A known topic id, or null.</summary>
    public static string? ValidTopic(string? topic) =>
        topic is not null && TopicIds.All.Contains(topic, StringComparer.Ordinal) ? topic : null;

    private static IResult Page(HttpContext context, (string Html, string? Nonce) page, WebChatOptions options, bool framable)
    {
        var headers = context.Response.Headers;
        var request = context.Request;
        var socketOrigin = (request.IsHttps ? "wss://" : "ws://") + request.Host;
        var nonce = page.Nonce is null ? string.Empty : $" 'nonce-{page.Nonce}'";
        var ancestors = framable ? FrameAncestors(options) : "'none'";
        headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'self'{nonce}; style-src 'self'{nonce} '{EmptyStyleHash}'; img-src 'self' data: blob:; font-src 'self'; " +
            $"connect-src 'self' {socketOrigin}; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}";
        if (framable)
        {
            headers.Remove("X-Frame-Options");
        }

        headers.CacheControl = "no-store";
        return Results.Content(page.Html, "text/html; charset=utf-8");
    }

    // Web Chat creates one empty <style> element without the nonce; this hash (of the empty string) lets exactly that through.
    private const string EmptyStyleHash = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    private static string FrameAncestors(WebChatOptions options)
    {
        var sources = options.FrameAncestors.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return sources.Length > 0 && sources.All(s => SourcePattern().IsMatch(s)) ? string.Join(' ', sources) : "'none'";
    }

    private static (string Html, string? Nonce) ChatHtml(WebChatOptions options, BotContent content, string nonce, string? locale, string? start, bool embedded)
    {
        var e = HtmlEncoder.Default;

        // The picker lists the jurisdiction packs, as the bot's own country question does: adding a country
        // to dialogs/ adds it here, with no code change.
        var countries = string.Concat(content.Countries.Append(content.International).Select(j =>
            $"""<option value="{e.Encode(j.Code)}">{e.Encode(j.Button)}</option>"""));
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <meta name="robots" content="noindex">
            <title>Confidential chat – PreventionBot</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/app/chat.css">
            </head>
            <body class="{{(embedded ? "embedded" : "standalone")}}"
                  data-quick-exit-url="{{e.Encode(options.QuickExitUrl)}}"
                  data-locale="{{e.Encode(locale ?? string.Empty)}}"
                  data-start="{{e.Encode(start ?? string.Empty)}}"
                  data-embedded="{{(embedded ? "true" : "false")}}">
            <header class="bar">
              <h1 class="title">Confidential help chat</h1>
              <div class="controls">
                <label class="country">
                  <span>Country</span>
                  <select id="country">
                    <option value="">Automatic</option>{{countries}}
                  </select>
                </label>
                <button id="delete" type="button" class="secondary">Delete this conversation</button>
                <button id="quick-exit" type="button" class="exit" aria-describedby="exit-hint">Quick exit</button>
              </div>
            </header>
            <p id="exit-hint" class="hint">Anonymous: no cookies, no tracking. Press <kbd>Esc</kbd> three times to leave this page at once.</p>
            <div id="notice" class="notice" role="status" aria-live="polite" hidden></div>
            <div id="webchat" class="webchat"></div>
            <noscript><p class="notice">The chat needs JavaScript. You can still call the helplines listed on our website.</p></noscript>
            <script src="/webchat/webchat.js" nonce="{{nonce}}"></script>
            <script src="/app/chat.js" nonce="{{nonce}}"></script>
            </body>
            </html>
            """;
        return (html, nonce);
    }

    private const string DemoHtml = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>Demo partner site – PreventionBot embed</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/app/demo.css">
        </head>
        <body>
        <header><p class="brand">Example Family Support (demo partner site)</p></header>
        <main>
          <h1>Worried about your thoughts or behaviour?</h1>
          <p>This page shows how a partner organisation adds the PreventionBot chat with one script tag. The button in the
          corner opens a confidential chat in a panel; it starts with the topic given in <code>data-start</code>.</p>
          <pre tabindex="0"><code>&lt;script src="https://YOUR-BOT-HOST/embed.js" data-locale="en-GB" data-start="deterrence"&gt;&lt;/script&gt;</code></pre>
          <p>See <code>docs/embedding.md</code> for the options.</p>
        </main>
        <script src="/embed.js" data-locale="en-GB" data-start="deterrence"></script>
        </body>
        </html>
        """;

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$")]
    private static partial Regex LocalePattern();

    // A CSP host-source or keyword; no ';' or ',' can slip into the header.
    [GeneratedRegex(@"^(\*|'self'|'none'|(https?://)?(\*\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?)$")]
    private static partial Regex SourcePattern();
}
