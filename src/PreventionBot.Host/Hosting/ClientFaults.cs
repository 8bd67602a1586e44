namespace PreventionBot.Host.Hosting;

/// <summary>
/// Faults that are the client's, not ours: a body shorter than its Content-Length, one sent too slowly, conflicting
/// length headers, a connection dropped mid-request. Kestrel reports them as <see cref="BadHttpRequestException"/>
/// (400, 408, 413) or as a cancelled request; they are answered with their own status and logged at Information, in
/// one short line with no stack trace. Without this boundary each would be logged as an "unhandled exception" at Error.
/// </summary>
internal sealed partial class ClientFaults(RequestDelegate next, ILogger<ClientFaults> logger)
{
    /// <summary>Not an HTTP status a client ever sees: the client had gone before an answer could be written.</summary>
    public const int ClientClosedRequest = 499;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e)
        {
            var route = RouteNames.Of(context);
            LogClientFault(logger, context.Request.Method, route, e.StatusCode);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = e.StatusCode;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            var route = RouteNames.Of(context);
            LogClientGone(logger, context.Request.Method, route);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ClientClosedRequest;
            }
        }
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "{Method} {Route}: the client's request was malformed or too slow ({Status})")]
    private static partial void LogClientFault(ILogger logger, string method, string route, int status);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Debug, Message = "{Method} {Route}: the client went away before the answer")]
    private static partial void LogClientGone(ILogger logger, string method, string route);
}
