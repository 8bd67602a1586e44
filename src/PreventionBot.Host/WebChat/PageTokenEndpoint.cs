using PreventionBot.Host.DirectLine;
using PreventionBot.Host.Hosting;
using PreventionBot.Protocol.DirectLine;

namespace PreventionBot.Host.WebChat;

/// <summary>
/// <c>POST /api/directline/token</c>: the chat page's way in. It creates a Direct Line conversation and answers with a
/// token for that conversation only, so the page never sees the secret. Same-origin only (browsers' Origin and
/// Sec-Fetch-Site headers are checked) and under the hosting's new-chat rate limits (per client, then shared).
/// </summary>
internal static class PageTokenEndpoint
{
    public const string Route = "/api/directline/token";

    public static IEndpointRouteBuilder MapPageToken(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, IssueAsync).RequireNewChatLimit();
        return endpoints;
    }

    private static async Task<IResult> IssueAsync(HttpContext context, DirectLineTokens tokens, ITranscriptStore transcripts)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!IsSameOrigin(context.Request))
        {
            return DirectLineResults.Error(StatusCodes.Status403Forbidden, DirectLineErrorCodes.BadArgument, "Tokens are only given to this site's own pages.");
        }

        return await DirectLineResults.NewConversationTokenAsync(context, transcripts, tokens);
    }

    /// <summary>Browsers say where a request comes from; other clients (tests, curl) send neither header.</summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site != "same-origin")
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
