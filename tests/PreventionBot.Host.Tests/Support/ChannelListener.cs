using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PreventionBot.Protocol;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Tests.Support;

/// <summary>
/// Plays the channel (as the Bot Framework Emulator does): a real HTTP listener on a free loopback port that
/// records every activity the bot POSTs to its Connector routes.
/// </summary>
public sealed class ChannelListener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChannelListener(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, Activity Activity)> Received { get; } = new();

    /// <summary>The Authorization header of each call, in order ("" when there was none).</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    private int _calls;

    /// <summary>Calls answered so far, whatever the answer.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>
    /// A channel; <paramref name="answer"/>, when given, may answer a call its own way (for misbehaving channels): it gets
    /// the call's number (from 1) and returns true when it has answered, false for the normal answer.
    /// </summary>
    public static async Task<ChannelListener> StartAsync(Func<HttpContext, int, Task<bool>>? answer = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var listener = new ChannelListener(app);
        app.MapPost("/v3/conversations/{**rest}", async (HttpContext context) =>
        {
            var call = Interlocked.Increment(ref listener._calls);
            listener.Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            var activity = await JsonSerializer.DeserializeAsync(context.Request.Body, ProtocolJson.Default.Activity);
            if (answer is not null && await answer(context, call))
            {
                return;
            }

            // The path exactly as sent, escapes and all.
            listener.Received.Enqueue((context.Features.Get<IHttpRequestFeature>()!.RawTarget, activity!));
            await Results.Json(new ResourceResponse { Id = "r" + listener.Received.Count }, ProtocolJson.Default.ResourceResponse).ExecuteAsync(context);
        });
        await app.StartAsync();
        listener.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return listener;
    }

    /// <summary>Waits until <paramref name="count"/> activities arrived, or fails after a generous bound.</summary>
    public async Task<IReadOnlyList<(string Path, Activity Activity)>> WaitForAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (Received.Count < count)
        {
            await Task.Delay(20, timeout.Token);
        }

        return [.. Received];
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
