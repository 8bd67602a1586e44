using PreventionBot.Core.Storage;

namespace PreventionBot.Host.Hosting;

/// <summary>
/// <c>/readyz</c>: 200 while the conversation store answers a trivial query, 503 with a short text while it does not, so
/// a load balancer sends turns only to hosts that can keep state. <c>/healthz</c> stays 200 either way: a host whose
/// database is away is not broken, and restarting it would not bring the database back. A failure is logged as one
/// Warning line with the exception's type (never its stack), at most once a minute while it lasts, and the recovery once.
/// </summary>
public sealed partial class Readiness(IServiceProvider services, TimeProvider time, ILogger<Readiness> logger)
{
    public const string Path = "/readyz";

    /// <summary>Below Kubernetes' probe timeout (deployment/kubernetes: 3 s), so the probe gets our 503, not its own.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private bool _failing;
    private DateTimeOffset _lastWarning = DateTimeOffset.MinValue;

    public async Task<IResult> CheckAsync(CancellationToken requestAborted)
    {
        string? failure;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            // Resolved here, not injected: opening the PostgreSQL store migrates its tables, which fails while it is away.
            var store = services.GetRequiredService<IConversationStore>();
            failure = await store.IsReachableAsync(timeout.Token) ? null : "not available";
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            failure = exception is OperationCanceledException ? "TimeoutException" : exception.GetType().Name;
        }

        Record(failure);
        return failure is null
            ? Results.Text("ready")
            : Results.Text("not ready: the conversation store does not answer", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private void Record(string? failure)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (failure is null)
            {
                if (_failing)
                {
                    _failing = false;
                    StoreAnswersAgain(logger);
                }

                return;
            }

            _failing = true;
            if (now - _lastWarning < WarningInterval)
            {
                return;
            }

            _lastWarning = now;
        }

        StoreUnreachable(logger, failure);
    }

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "Not ready: the conversation store did not answer ({Failure}); /readyz answers 503 (logged at most once a minute)")]
    private static partial void StoreUnreachable(ILogger logger, string failure);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Information, Message = "Ready again: the conversation store answers")]
    private static partial void StoreAnswersAgain(ILogger logger);
}
