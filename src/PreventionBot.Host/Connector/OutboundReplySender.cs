using System.Threading.Channels;
using PreventionBot.Protocol.Connector;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Connector;

/// <summary>The replies of one turn, posted in order.</summary>
public sealed record OutboundBatch(string ServiceUrl, IReadOnlyList<Activity> Activities);

/// <summary>
/// Replies for channels that do not use expectReplies are sent from here, after the HTTP request has been
/// answered, so a slow channel never holds a request open. The queue is bounded: under a flood, callers wait
/// (back-pressure) instead of the process growing without limit.
/// </summary>
public sealed partial class OutboundReplySender(IServiceProvider services, ILogger<OutboundReplySender> logger) : BackgroundService
{
    private const int Capacity = 10_000;
    private const int Senders = 4;

    private readonly Channel<OutboundBatch> _queue = Channel.CreateBounded<OutboundBatch>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
    });

    public ValueTask EnqueueAsync(OutboundBatch batch, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(batch, cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => SendLoopAsync(stoppingToken)));

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        await foreach (var batch in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var client = services.GetRequiredService<ConnectorClient>();
            foreach (var activity in batch.Activities)
            {
                try
                {
                    await client.SendAsync(batch.ServiceUrl, activity, stoppingToken);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
                {
                    // The channel is unreachable or refused; the rest of this turn's replies would fail too.
                    LogSendFailed(logger, e.GetType().Name);
                    break;
                }
            }
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Sending a reply to the channel failed with {ExceptionType}")]
    private static partial void LogSendFailed(ILogger logger, string exceptionType);
}
