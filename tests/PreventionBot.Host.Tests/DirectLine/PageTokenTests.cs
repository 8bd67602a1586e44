using System.Net;
using System.Net.Http.Json;
using PreventionBot.Host.Hosting;
using PreventionBot.Protocol.DirectLine;
using static PreventionBot.Host.Tests.DirectLine.DirectLineTestKit;

namespace PreventionBot.Host.Tests.DirectLine;

/// <summary>POST /api/directline/token, the page's way in; and the headers the pages are served with.</summary>
public sealed class PageTokenTests
{
    [Fact]
    public async Task Token_is_for_a_new_conversation_and_is_never_cached()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        using var response = await client.PostAsync("/api/directline/token", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var token = (await response.Content.ReadFromJsonAsync(DirectLineJson.Default.DirectLineConversation))!;
        Assert.False(string.IsNullOrEmpty(token.ConversationId));
        Assert.Equal(1800, token.ExpiresIn);
        Assert.DoesNotContain(Secret, token.Token, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cross_site_requests_get_no_token()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await client.SendAsync(request);
        await AssertErrorAsync(response, HttpStatusCode.Forbidden);

        using var fetchSite = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
        fetchSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var second = await client.SendAsync(fetchSite);
        await AssertErrorAsync(second, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Token_requests_are_rate_limited_with_429_and_Retry_After()
    {
        await using var app = CreateApp(settings: new() { ["DirectLine:TokenRequestsPerClientPerMinute"] = "3" });
        using var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.PostAsync("/api/directline/token", null);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await client.PostAsync("/api/directline/token", null);
        Assert.Equal("TooManyRequests", await AssertErrorAsync(limited, (HttpStatusCode)429));
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public void Client_keys_are_salted_hashes_and_an_IPv6_64_is_one_client()
    {
        var a = RequestLimits.ClientKeyFor(IPAddress.Parse("2001:db8:1:2:aaaa::1"));
        var b = RequestLimits.ClientKeyFor(IPAddress.Parse("2001:db8:1:2:bbbb::2"));
        var c = RequestLimits.ClientKeyFor(IPAddress.Parse("2001:db8:1:3::1"));
        var v4 = RequestLimits.ClientKeyFor(IPAddress.Parse("192.0.2.7"));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.DoesNotContain("192", v4, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_carry_a_strict_policy_and_only_chat_may_be_framed()
    {
        await using var app = CreateApp(settings: new() { ["WebChat:FrameAncestors"] = "https://partner.example 'self'" });
        using var client = app.CreateClient();

        using var root = await client.GetAsync("/");
        var rootPolicy = root.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", rootPolicy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self' 'nonce-", rootPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", rootPolicy, StringComparison.Ordinal);
        Assert.Equal("DENY", root.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", root.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", root.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(root.Headers.Contains("Set-Cookie"));
        var html = await root.Content.ReadAsStringAsync();
        Assert.DoesNotContain("http://", html.Replace("https://www.bbc.co.uk/weather", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        using var chat = await client.GetAsync("/chat?locale=en-GB&start=deterrence");
        var chatPolicy = chat.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors https://partner.example 'self'", chatPolicy, StringComparison.Ordinal);
        Assert.False(chat.Headers.Contains("X-Frame-Options"));
        var chatHtml = await chat.Content.ReadAsStringAsync();
        Assert.Contains("data-start=\"deterrence\"", chatHtml, StringComparison.Ordinal);

        using var bad = await client.GetAsync("/chat?locale=%22%3E%3Cscript%3E&start=nonsense");
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("data-locale=\"\"", badHtml, StringComparison.Ordinal);
        Assert.Contains("data-start=\"\"", badHtml, StringComparison.Ordinal);

        using var embed = await client.GetAsync("/embed.js");
        Assert.Equal(HttpStatusCode.OK, embed.StatusCode);
        Assert.Equal("cross-origin", embed.Headers.GetValues("Cross-Origin-Resource-Policy").Single());
    }

    [Fact]
    public async Task Cors_is_off_by_default_and_allows_X_Requested_With_when_configured()
    {
        await using var closed = CreateApp();
        using var closedClient = closed.CreateClient();
        using var closedPreflight = await closedClient.SendAsync(Preflight());
        Assert.False(closedPreflight.Headers.Contains("Access-Control-Allow-Origin"));

        await using var open = CreateApp(settings: new() { ["DirectLine:AllowedOrigins:0"] = "https://partner.example" });
        using var openClient = open.CreateClient();
        using var preflight = await openClient.SendAsync(Preflight());
        Assert.Equal("https://partner.example", preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Headers"));
        Assert.Contains("X-Requested-With", allowed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Authorization", allowed, StringComparison.OrdinalIgnoreCase);

        static HttpRequestMessage Preflight()
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
            request.Headers.Add("Origin", "https://partner.example");
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-requested-with,x-ms-bot-agent");
            return request;
        }
    }
}
