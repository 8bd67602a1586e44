using Microsoft.Extensions.Options;
using PreventionBot.Core.Conversation;
using PreventionBot.Core.Storage;

namespace PreventionBot.Host.Hosting;

/// <summary>Deletes conversations past their expiry, so "state expires" is true of the disk, not only of reads.</summary>
internal sealed partial class ExpiredStatePurge(
    IConversationStore store,
    ConversationOptions conversation,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<ExpiredStatePurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, storage.Value.PurgeIntervalMinutes)), time);
        do
        {
            try
            {
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

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Deleted {Count} expired conversations")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Purging expired conversations failed with {ExceptionType}")]
    private static partial void LogPurgeFailed(ILogger logger, string exceptionType);
}
