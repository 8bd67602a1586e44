using Npgsql;

namespace PreventionBot.Host.DirectLine;

/// <summary>
/// With PostgreSQL, this host's one listening connection: each notification names a conversation whose transcript grew
/// (on any host), and the stream this host holds for it, if any, reads what is new. When the connection drops it is
/// opened again, and every stream reads once in case a notification went by meanwhile. With memory or SQLite it does
/// nothing: the transcripts are in this process and push to their streams directly.
/// </summary>
internal sealed partial class TranscriptNotifications(ITranscriptStore store, TimeProvider time, ILogger<TranscriptNotifications> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store is not PostgresTranscriptStore shared)
        {
            return;
        }

        var retry = FirstRetry;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await shared.OpenListeningConnectionAsync(stoppingToken);
                connection.Notification += (_, notification) => shared.Wake(notification.Payload);
                if (failing)
                {
                    failing = false;
                    ListeningAgain(logger);
                }

                retry = FirstRetry;
                shared.WakeAll();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
            {
                if (!failing)
                {
                    failing = true;
                    ListeningFailed(logger, e.GetType().Name);
                }
            }

            try
            {
                await Task.Delay(retry, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
        }
    }

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Direct Line notifications from PostgreSQL stopped ({ExceptionType}); streams on this host wait until they are back (retrying)")]
    private static partial void ListeningFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Information, Message = "Direct Line notifications from PostgreSQL are back")]
    private static partial void ListeningAgain(ILogger logger);
}
