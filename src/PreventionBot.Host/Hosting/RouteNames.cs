namespace PreventionBot.Host.Hosting;

/// <summary>
/// What a log line may say about a request's address: the route pattern (<c>/v3/directline/conversations/{conversationId}/activities</c>),
/// never the path, which carries conversation ids, and never the query string.
/// </summary>
public static class RouteNames
{
    public const string Unmatched = "(no route)";

    public static string Of(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            ? (pattern.StartsWith('/') ? pattern : "/" + pattern)
            : Unmatched;
}
