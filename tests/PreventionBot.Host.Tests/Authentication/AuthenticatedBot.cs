using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PreventionBot.Host.Tests.DirectLine;
using PreventionBot.Host.Tests.Support;
using PreventionBot.Protocol;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Tests.Authentication;

/// <summary>The bot with an app id, pointed at a <see cref="LocalOpenIdIssuer"/>, and a channel on loopback to reply to.</summary>
public sealed class AuthenticatedBot : IAsyncDisposable
{
    private AuthenticatedBot(LocalOpenIdIssuer issuer, ChannelListener channel, BotApplication app)
    {
        Issuer = issuer;
        Channel = channel;
        App = app;
        Client = app.CreateClient();
    }

    public LocalOpenIdIssuer Issuer { get; }

    public ChannelListener Channel { get; }

    public BotApplication App { get; }

    public HttpClient Client { get; }

    public static async Task<AuthenticatedBot> StartAsync(
        string appType = "MultiTenant",
        ManualTimeProvider? time = null,
        Func<HttpContext, int, Task<bool>>? channelAnswer = null,
        Dictionary<string, string?>? settings = null)
    {
        var issuer = await LocalOpenIdIssuer.StartAsync();
        var channel = await ChannelListener.StartAsync(channelAnswer);
        var all = issuer.BotSettings(appType);
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var app = new BotApplication(all, services =>
        {
            issuer.TrustIn(services);
            if (time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(time);
            }
        });
        return new AuthenticatedBot(issuer, channel, app);
    }

    /// <summary>A message as a Bot Connector channel sends it, replies to be POSTed to the local channel.</summary>
    public Activity Message(string text = "hello", string channelId = "webchat", string conversationId = "auth-conv") => new()
    {
        Type = ActivityTypes.Message,
        Id = "m-" + Guid.NewGuid().ToString("N")[..8],
        Text = text,
        Locale = "en-GB",
        ChannelId = channelId,
        ServiceUrl = Channel.ServiceUrl,
        From = new ChannelAccount { Id = "user-1", Role = "user" },
        Recipient = new ChannelAccount { Id = "bot-1", Role = "bot" },
        Conversation = new ConversationAccount { Id = conversationId },
    };

    public async Task<HttpResponseMessage> PostAsync(Activity activity, string? bearerToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = JsonContent.Create(activity, ProtocolJson.Default.Activity),
        };
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Channel.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
