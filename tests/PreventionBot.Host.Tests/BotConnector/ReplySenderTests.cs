using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PreventionBot.Host.BotConnector;
using PreventionBot.Host.Tests.Authentication;
using PreventionBot.Host.Tests.Support;
using PreventionBot.Protocol;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Tests.BotConnector;

/// <summary>
/// Replies to Bot Connector channels: retried with backoff when the login service or the channel fails for a moment,
/// contained when a channel misbehaves (nothing a channel answers can stop the senders or the host), logged without
/// the URL, and never sent anywhere a validated channel did not name.
/// </summary>
public sealed class ReplySenderTests
{
    private static readonly Dictionary<string, string?> QuickRetries = new() { ["Bot:ReplyRetryDelayMilliseconds"] = "20" };

    [Fact]
    public async Task A_failing_login_service_is_retried_and_the_reply_still_goes_out_with_a_token()
    {
        await using var bot = await AuthenticatedBot.StartAsync();
        bot.Issuer.FailNextTokenRequests = 2;
        var activity = bot.Message();

        using var response = await bot.PostAsync(activity, bot.Issuer.ChannelToken(activity.ServiceUrl!));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await bot.Channel.WaitForAsync(1);
        Assert.True(bot.Issuer.TokenRequests.Count >= 3, $"token requests: {bot.Issuer.TokenRequests.Count}");
        Assert.Equal("Bearer " + bot.Issuer.LastIssuedToken, bot.Channel.Authorizations.Last());
    }

    [Fact]
    public async Task The_token_is_cached_until_near_expiry()
    {
        await using var bot = await AuthenticatedBot.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            var activity = bot.Message(conversationId: "cache-" + i);
            using var response = await bot.PostAsync(activity, bot.Issuer.ChannelToken(activity.ServiceUrl!));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await bot.Channel.WaitForAsync(3);
        Assert.Single(bot.Issuer.TokenRequests);
        Assert.All(bot.Channel.Authorizations, a => Assert.Equal("Bearer outbound-token-1", a));
    }

    [Fact]
    public async Task A_channel_answering_503_is_retried()
    {
        await using var channel = await ChannelListener.StartAsync(async (context, call) =>
        {
            if (call > 1)
            {
                return false;
            }

            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = "0";
            await context.Response.WriteAsync("busy");
            return true;
        });
        using var app = new BotApplication(QuickRetries);
        using var client = app.CreateClient();

        await PostForChannelAsync(client, channel.ServiceUrl, "retry-1");

        await channel.WaitForAsync(1);
        Assert.Equal(2, channel.Calls);
    }

    [Fact]
    public async Task A_channel_answering_with_an_unknown_charset_cannot_stop_the_senders_or_the_host()
    {
        // The probe: 200 with "charset=no-such-charset" used to throw in every sender until none was left, then stop the host.
        await using var hostile = await ChannelListener.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json; charset=no-such-charset";
            await context.Response.WriteAsync("{\"id\":\"x\"}");
            return true;
        });
        await using var good = await ChannelListener.StartAsync();
        using var app = new BotApplication(QuickRetries);
        using var client = app.CreateClient();
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();

        for (var i = 0; i < 12; i++)
        {
            await PostForChannelAsync(client, hostile.ServiceUrl, "charset-" + i);
        }

        await PostForChannelAsync(client, good.ServiceUrl, "charset-good");

        await good.WaitForAsync(1);
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
        Assert.True(hostile.Calls >= 12, $"hostile channel calls: {hostile.Calls}");

        // A 200 is a delivered reply whatever its body: the body is never decoded, so nothing failed or was retried.
        Assert.Equal(12, hostile.Calls);
        Assert.DoesNotContain(app.LogLines, l => l.Contains("Sending a reply to the channel failed", StringComparison.Ordinal));
        AssertNoUrlLogged(app, hostile.ServiceUrl);
    }

    [Fact]
    public async Task A_channel_that_fails_or_drops_connections_is_logged_without_its_url_and_the_host_keeps_serving()
    {
        await using var failing = await ChannelListener.StartAsync(async (context, call) =>
        {
            if (call % 2 == 0)
            {
                context.Abort();
                return true;
            }

            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("no");
            return true;
        });
        await using var good = await ChannelListener.StartAsync();
        using var app = new BotApplication(QuickRetries);
        using var client = app.CreateClient();

        await PostForChannelAsync(client, failing.ServiceUrl, "fail-1");
        await WaitUntilAsync(() => app.LogLines.Any(l => l.Contains("Sending a reply to the channel failed", StringComparison.Ordinal)));
        await PostForChannelAsync(client, good.ServiceUrl, "fail-good");

        await good.WaitForAsync(1);
        Assert.Equal(4, failing.Calls);
        Assert.Contains(app.LogLines, l => l.Contains("Retrying a reply", StringComparison.Ordinal));
        AssertNoUrlLogged(app, failing.ServiceUrl);
    }

    [Fact]
    public async Task A_channel_redirect_is_not_followed()
    {
        await using var elsewhere = await ChannelListener.StartAsync();
        await using var redirecting = await ChannelListener.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = elsewhere.ServiceUrl + "/v3/conversations/x/activities";
            return Task.FromResult(true);
        });
        using var app = new BotApplication(QuickRetries);
        using var client = app.CreateClient();

        await PostForChannelAsync(client, redirecting.ServiceUrl, "redirect-1");
        await WaitUntilAsync(() => app.LogLines.Any(l => l.Contains("Sending a reply to the channel failed", StringComparison.Ordinal)));

        Assert.Equal(0, elsewhere.Calls);
    }

    [Theory]
    [InlineData("http://192.0.2.10/", false)]
    [InlineData("http://127.0.0.1:9/", true)]
    public async Task Without_an_app_id_only_loopback_service_urls_may_be_sent_to(string serviceUrl, bool allowed)
    {
        using var app = new BotApplication(QuickRetries);
        var sender = app.Services.GetRequiredService<ReplySender>();

        var queued = await sender.EnqueueAsync(new ReplyBatch(new Uri(serviceUrl), [new Activity { Type = "message", Conversation = new() { Id = "c" } }]), CancellationToken.None);

        Assert.Equal(allowed, queued);
    }

    [Fact]
    public async Task With_an_app_id_a_proactive_message_goes_only_to_a_service_url_a_validated_channel_gave()
    {
        await using var bot = await AuthenticatedBot.StartAsync();
        var sender = bot.App.Services.GetRequiredService<ReplySender>();
        var proactive = new Activity { Type = "message", Text = "hello", Conversation = new() { Id = "c" } };

        Assert.False(await sender.EnqueueAsync(new ReplyBatch(new Uri(bot.Channel.ServiceUrl), [proactive]), CancellationToken.None));

        var activity = bot.Message();
        using var response = await bot.PostAsync(activity, bot.Issuer.ChannelToken(activity.ServiceUrl!));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(await sender.EnqueueAsync(new ReplyBatch(new Uri(bot.Channel.ServiceUrl), [proactive]), CancellationToken.None));
        await bot.Channel.WaitForAsync(2);
        Assert.All(bot.Channel.Authorizations, a => Assert.StartsWith("Bearer outbound-token-", a, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/api?redirect=http://evil.example")]
    [InlineData("http://127.0.0.1:9/api#fragment")]
    [InlineData("http://user:pass@127.0.0.1:9/")]
    [InlineData("file:///etc/passwd")]
    public async Task A_service_url_with_a_query_fragment_or_credentials_is_refused(string serviceUrl)
    {
        using var app = new BotApplication(QuickRetries);
        using var client = app.CreateClient();
        var message = BotApplication.Message("hello", "query-1");
        message.DeliveryMode = null;
        message.ServiceUrl = serviceUrl;

        using var response = await client.PostAsJsonAsync("/api/messages", message, ProtocolJson.Default.Activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task PostForChannelAsync(HttpClient client, string serviceUrl, string conversationId)
    {
        var message = BotApplication.Message("hello", conversationId);
        message.DeliveryMode = null;
        message.ServiceUrl = serviceUrl;
        using var response = await client.PostAsJsonAsync("/api/messages", message, ProtocolJson.Default.Activity);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static void AssertNoUrlLogged(BotApplication app, string serviceUrl)
    {
        var port = new Uri(serviceUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain(app.LogLines, l => l.Contains(serviceUrl, StringComparison.Ordinal) || l.Contains(":" + port, StringComparison.Ordinal));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
