using System.Net.WebSockets;

namespace PreventionBot.Host.DirectLine;

/// <summary>
/// The WebSocket at a conversation's <c>streamUrl</c>: pre-authorised by the token in <c>t</c>, it first replays the
/// activities after <c>watermark</c>, then pushes each new one as an ActivitySet frame. Frames from the client
/// (DirectLineJS sends an empty one every 20 s) only keep the conversation alive.
/// </summary>
internal static class DirectLineStream
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    public static async Task HandleAsync(
        HttpContext context,
        string conversationId,
        string? t,
        string? watermark,
        DirectLineTokens tokens,
        ITranscriptStore transcripts,
        IHostApplicationLifetime lifetime)
    {
        var credential = string.IsNullOrEmpty(t) ? DirectLineEndpoints.Authenticate(context, tokens) : tokens.Check(t);
        if (DirectLineResults.Deny(credential, conversationId) is { } denied)
        {
            await denied.ExecuteAsync(context);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await DirectLineResults.BadArgument("The stream is a WebSocket: connect with an Upgrade request.").ExecuteAsync(context);
            return;
        }

        if (await transcripts.FindAsync(conversationId, context.RequestAborted) is not { } last)
        {
            await DirectLineResults.ConversationNotFound().ExecuteAsync(context);
            return;
        }

        if (!DirectLineResults.TryParseWatermark(watermark, out var from) || from > last)
        {
            await DirectLineResults.BadArgument("The watermark is not one this conversation gave out.").ExecuteAsync(context);
            return;
        }

        // Subscribed before the upgrade is accepted, so that streams are ordered as their requests came: a client whose
        // connect has returned is subscribed, and a second stream opened after it closes it ("collision"). Accepted first,
        // under load the first stream's subscription could come after the second's, and close the second instead (the
        // full suite's websocket test timed out waiting for the first one's close frame, session 22).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var subscriber = new StreamSubscriber();
        if (!await transcripts.SubscribeAsync(conversationId, subscriber, from, stop.Token))
        {
            // Expired between the check above and now.
            subscriber.Complete("conversation ended");
        }

        WebSocket accepted;
        try
        {
            accepted = await context.WebSockets.AcceptWebSocketAsync();
        }
        catch
        {
            transcripts.Unsubscribe(conversationId, subscriber);
            throw;
        }

        using var socket = accepted;

        var receiving = ReceiveUntilClosedAsync(socket, transcripts, conversationId, subscriber, stop.Token);
        try
        {
            await foreach (var frame in subscriber.Frames.ReadAllAsync(stop.Token))
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, stop.Token);
            }

            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var closing = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                closing.CancelAfter(CloseHandshakeTimeout);
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, subscriber.CloseReason, closing.Token);

                // Complete the close handshake: wait for the client's own close frame before the connection goes.
                // Closing at once would reset the connection and a client that had not read yet would lose our close
                // frame (a second stream on the conversation then looked like a dropped connection, not a collision).
                await receiving.WaitAsync(CloseHandshakeTimeout, stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or TimeoutException)
        {
            // The client went away, did not answer the close in time, or the host is stopping.
        }
        finally
        {
            transcripts.Unsubscribe(conversationId, subscriber);
            await stop.CancelAsync();
            await receiving;
        }
    }

    private static async Task ReceiveUntilClosedAsync(
        WebSocket socket, ITranscriptStore transcripts, string conversationId, StreamSubscriber subscriber, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                await TouchAsync(transcripts, conversationId, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closed either way.
        }

        subscriber.Complete("client closed");
    }

    /// <summary>A client frame counts as activity, so a connected client's conversation does not expire.</summary>
    private static async Task TouchAsync(ITranscriptStore transcripts, string conversationId, CancellationToken cancellationToken)
    {
        try
        {
            await transcripts.FindAsync(conversationId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database is away: the stream goes on, and the next frame touches again.
        }
    }
}

/// <summary>Keeps the conversations bounded in time (and in memory, in number), whichever store holds them.</summary>
internal sealed partial class DirectLinePurge(ITranscriptStore store, TimeProvider time, ILogger<DirectLinePurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await store.PurgeExpiredAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database is away; the next tick tries again.
                    PurgeFailed(logger, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 3304, Level = LogLevel.Warning, Message = "Purging expired Direct Line conversations failed with {ExceptionType}")]
    private static partial void PurgeFailed(ILogger logger, string exceptionType);
}
