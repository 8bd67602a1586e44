using Microsoft.Extensions.Options;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Storage;

namespace PreventionBot.Host.Turns;

/// <summary>
/// Deletes conversations past their expiry, so "state expires" is true of the disk, not only of reads. It starts work
/// only once the server is listening: a host that fails to start (its port is taken) must not leave a database behind.
/// </summary>
internal sealed partial class ExpiredStatePurge(
    IServiceProvider services,
    ConversationOptions conversation,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ExpiredStatePurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Started(lifetime, stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, storage.Value.PurgeIntervalMinutes)), time);
            do
            {
                try
                {
                    // Resolved here, once the host has started: opening the store runs its schema migrations, and a
                    // database that is down at start is tried again at the next tick rather than stopping the host.
                    var store = services.GetRequiredService<IConversationStore>();
                    var removed = await store.DeleteInactiveSinceAsync(time.GetUtcNow() - conversation.StateExpiry, stoppingToken);
                    LogPurged(logger, removed);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPurgeFailed(logger, e.GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Completes when the host has started; cancelled if it stops first.</summary>
    internal static Task Started(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Deleted {Count} expired conversations")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Purging expired conversations failed with {ExceptionType}")]
    private static partial void LogPurgeFailed(ILogger logger, string exceptionType);
}
