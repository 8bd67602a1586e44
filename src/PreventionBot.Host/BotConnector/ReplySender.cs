using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MsalException = Microsoft.Identity.Client.MsalException;
using MsalServiceException = Microsoft.Identity.Client.MsalServiceException;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using PreventionBot.Host.Authentication;
using PreventionBot.Protocol.Connector;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.BotConnector;

/// <summary>The activities of one turn (or one proactive message), sent in order to one channel.</summary>
public sealed record ReplyBatch(Uri ServiceBase, IReadOnlyList<Activity> Activities);

/// <summary>
/// Sends replies and proactive messages to Bot Connector channels, after the HTTP request has been answered, so a slow
/// channel never holds a request open. Each call carries the bot's token (none when the bot runs open). A failed call
/// (network, timeout, 429, 5xx, a failed token request) is retried with exponential backoff; what still fails is logged
/// by exception type and status only, never with the URL, and the senders carry on: nothing a channel answers can stop
/// them or the host. The queue is bounded: under a flood, callers wait (back-pressure) instead of the process growing.
/// </summary>
public sealed partial class ReplySender : BackgroundService
{
    private const int Capacity = 10_000;
    private const int Senders = 4;

    private readonly Channel<ReplyBatch> _queue = Channel.CreateBounded<ReplyBatch>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly IHttpClientFactory _http;
    private readonly IBotTokenSource _tokens;
    private readonly ServiceUrlTrust _trust;
    private readonly ILogger<ReplySender> _logger;
    private readonly Lazy<ResiliencePipeline> _pipeline;

    public ReplySender(IHttpClientFactory http, IBotTokenSource tokens, ServiceUrlTrust trust, IOptions<ReplySenderOptions> options, ILogger<ReplySender> logger)
    {
        _http = http;
        _tokens = tokens;
        _trust = trust;
        _logger = logger;
        // Built on first use: settings are validated when the host starts, after the services are created.
        _pipeline = new(() => CreatePipeline(options.Value));
    }

    private ResiliencePipeline CreatePipeline(ReplySenderOptions settings) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .Handle<TransientChannelException>()
                    .Handle<MsalException>(IsTransient),
                MaxRetryAttempts = Math.Max(0, settings.ReplyRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(Math.Max(1, settings.ReplyRetryDelayMilliseconds)),
                MaxDelay = TimeSpan.FromSeconds(60),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is TransientChannelException { RetryAfter: { } after } ? Clamp(after) : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var failure = args.Outcome.Exception?.GetType().Name ?? "none";
                    LogRetrying(_logger, args.AttemptNumber + 1, failure);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(TimeSpan.FromSeconds(Math.Max(1, settings.ReplyTimeoutSeconds)))
            .Build();

    /// <summary>Queues a batch; refused (false) when its serviceUrl is not one a validated channel gave.</summary>
    public async ValueTask<bool> EnqueueAsync(ReplyBatch batch, CancellationToken cancellationToken)
    {
        if (!_trust.IsTrusted(batch.ServiceBase))
        {
            LogUntrusted(_logger);
            return false;
        }

        await _queue.Writer.WriteAsync(batch, cancellationToken);
        return true;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(() => SendLoopAsync(stoppingToken), CancellationToken.None)));

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var batch in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await SendBatchAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SendBatchAsync(ReplyBatch batch, CancellationToken stoppingToken)
    {
        var connector = new ConnectorClient(_http.CreateClient(HttpClientNames.Connector));
        foreach (var activity in batch.Activities)
        {
            try
            {
                await _pipeline.Value.ExecuteAsync(async ct => await SendOnceAsync(connector, batch.ServiceBase, activity, ct), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Contained: whatever the channel or the login service did, the sender goes on with the next batch.
                // The rest of this turn's replies would fail the same way (and must not arrive out of order).
                LogSendFailed(_logger, e.GetType().Name, (e as ChannelRefusedException)?.Status ?? (e as TransientChannelException)?.Status ?? 0);
                return;
            }
        }
    }

    private async ValueTask SendOnceAsync(ConnectorClient connector, Uri serviceBase, Activity activity, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetTokenAsync(forceRefresh: false, cancellationToken);
        var response = await connector.SendAsync(serviceBase, activity, token, cancellationToken);
        if (response.Status is HttpStatusCode.Unauthorized && token is not null)
        {
            // The channel did not accept a cached token (rotated credentials): one fresh token, once.
            token = await _tokens.GetTokenAsync(forceRefresh: true, cancellationToken);
            response = await connector.SendAsync(serviceBase, activity, token, cancellationToken);
        }

        if (response.IsSuccess)
        {
            return;
        }

        var status = (int)response.Status;
        if (status is 408 or 429 or >= 500)
        {
            throw new TransientChannelException(status, response.RetryAfter);
        }

        throw new ChannelRefusedException(status);
    }

    private static bool IsTransient(MsalException e) =>
        e.IsRetryable || e is MsalServiceException { StatusCode: 429 or >= 500 } || e.InnerException is HttpRequestException;

    private static TimeSpan Clamp(TimeSpan after) =>
        after < TimeSpan.Zero ? TimeSpan.Zero : after > TimeSpan.FromSeconds(60) ? TimeSpan.FromSeconds(60) : after;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Sending a reply to the channel failed with {ExceptionType} (status {Status}); the turn's remaining replies were dropped")]
    private static partial void LogSendFailed(ILogger logger, string exceptionType, int status);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Retrying a reply to the channel (attempt {Attempt}) after {ExceptionType}")]
    private static partial void LogRetrying(ILogger logger, int attempt, string exceptionType);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "A reply was not sent: its serviceUrl did not come with a validated channel token")]
    private static partial void LogUntrusted(ILogger logger);
}

/// <summary>The channel answered 408, 429 or 5xx: worth another try.</summary>
public sealed class TransientChannelException(int status, TimeSpan? retryAfter) : Exception("The channel answered " + status + ".")
{
    public int Status { get; } = status;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>The channel refused the activity (4xx): another try would be refused too.</summary>
public sealed class ChannelRefusedException(int status) : Exception("The channel refused the activity with " + status + ".")
{
    public int Status { get; } = status;
}
