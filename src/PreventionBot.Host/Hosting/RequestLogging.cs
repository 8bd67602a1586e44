using System.Diagnostics;

namespace PreventionBot.Host.Hosting;

/// <summary>
/// One line per request: method, route pattern, status, time. Never the path (Direct Line paths carry conversation
/// ids), the body, the query string or the client's address (the README's privacy rule); successful requests at
/// Debug so a busy bot does not log every turn.
/// </summary>
public sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        await next(context);
        var status = context.Response.StatusCode;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var route = RouteNames.Of(context);
        if (status >= 500)
        {
            LogServerError(logger, context.Request.Method, route, status, elapsed);
        }
        else if (status >= 400)
        {
            LogClientError(logger, context.Request.Method, route, status, elapsed);
        }
        else if (logger.IsEnabled(LogLevel.Debug))
        {
            LogRequest(logger, context.Request.Method, route, status, elapsed);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "{Method} {Route} answered {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string route, int status, double elapsedMs);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "{Method} {Route} answered {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogClientError(ILogger logger, string method, string route, int status, double elapsedMs);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "{Method} {Route} answered {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogServerError(ILogger logger, string method, string route, int status, double elapsedMs);
}
