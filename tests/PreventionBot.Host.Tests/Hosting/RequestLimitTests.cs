using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PreventionBot.Host.Tests.Support;

namespace PreventionBot.Host.Tests.Hosting;

/// <summary>
/// New-chat rate limits and who counts as "a client": a client refused by its own limit spends nothing of everyone's,
/// and X-Forwarded-For is believed only from proxies the settings name.
/// </summary>
public sealed class RequestLimitTests
{
    private const string Proxy = "10.0.0.1";

    [Fact]
    public async Task Requests_refused_by_the_per_client_limit_do_not_use_up_the_shared_limit()
    {
        using var app = App(new() { ["DirectLine:TokenRequestsPerClientPerMinute"] = "3", ["DirectLine:TokenRequestsPerMinute"] = "5" });
        using var client = app.CreateClient();

        var hammering = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            hammering.Add(await NewChatAsync(client, peer: "198.51.100.1"));
        }

        Assert.Equal(3, hammering.Count(s => s == HttpStatusCode.OK));
        Assert.All(hammering.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));

        // Everyone else still gets in, until the shared limit itself is reached.
        Assert.Equal(HttpStatusCode.OK, await NewChatAsync(client, peer: "198.51.100.2"));
        Assert.Equal(HttpStatusCode.OK, await NewChatAsync(client, peer: "198.51.100.3"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await NewChatAsync(client, peer: "198.51.100.4"));
    }

    [Fact]
    public async Task Without_known_proxies_X_Forwarded_For_is_ignored()
    {
        using var app = App(new() { ["DirectLine:TokenRequestsPerClientPerMinute"] = "2" });
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await NewChatAsync(client, Proxy, forwardedFor: "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await NewChatAsync(client, Proxy, forwardedFor: "203.0.113.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await NewChatAsync(client, Proxy, forwardedFor: "203.0.113.3"));
    }

    [Fact]
    public async Task The_frameworks_trust_everyone_switch_trusts_only_known_proxies_here()
    {
        using var app = App(new() { ["DirectLine:TokenRequestsPerClientPerMinute"] = "2", ["ForwardedHeaders_Enabled"] = "true" });
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await NewChatAsync(client, Proxy, forwardedFor: "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await NewChatAsync(client, Proxy, forwardedFor: "203.0.113.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await NewChatAsync(client, Proxy, forwardedFor: "203.0.113.3"));
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", Proxy)]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8")]
    public async Task Behind_a_known_proxy_each_forwarded_client_has_its_own_limit(string key, string value)
    {
        using var app = App(new() { ["DirectLine:TokenRequestsPerClientPerMinute"] = "2", [key] = value });
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await NewChatAsync(client, Proxy, forwardedFor: "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await NewChatAsync(client, Proxy, forwardedFor: "203.0.113.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await NewChatAsync(client, Proxy, forwardedFor: "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await NewChatAsync(client, Proxy, forwardedFor: "203.0.113.2"));

        // Anyone else claiming to forward is not believed: their own address is the client.
        Assert.Equal(HttpStatusCode.OK, await NewChatAsync(client, "192.0.2.50", forwardedFor: "203.0.113.9"));
        Assert.Equal(HttpStatusCode.OK, await NewChatAsync(client, "192.0.2.50", forwardedFor: "203.0.113.10"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await NewChatAsync(client, "192.0.2.50", forwardedFor: "203.0.113.11"));
    }

    private static BotApplication App(Dictionary<string, string?> settings)
    {
        settings.TryAdd("DirectLine:TokenRequestsPerMinute", "1000");
        return new BotApplication(settings, services => services.AddSingleton<IStartupFilter, FakePeer>());
    }

    private static async Task<HttpStatusCode> NewChatAsync(HttpClient client, string peer, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
        request.Headers.Add(FakePeer.Header, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
