using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Protocol.Connector;

/// <summary>What a channel answered: the status, and how long it asked us to wait when it said 429 or 503.</summary>
public readonly record struct ConnectorResponse(HttpStatusCode Status, TimeSpan? RetryAfter)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}

/// <summary>
/// Sends the bot's activities to a channel through the Bot Connector REST API:
/// <c>POST {serviceUrl}/v3/conversations/{conversationId}/activities/{replyToId}</c>.
/// Conversation ids such as <c>conv|1</c> and reply ids are URL-encoded, as the Emulator and the SDKs do.
/// The channel's answer is never decoded: its status is what matters, and a channel that answers with a body in an
/// unknown character set, or a huge one, must not be able to make the sender fail.
/// </summary>
public sealed class ConnectorClient(HttpClient http)
{
    /// <summary>The reply URL, built from the serviceUrl's scheme, host, port and path only.</summary>
    /// <exception cref="ArgumentException">The serviceUrl is not an absolute http(s) URL, or has a query or fragment.</exception>
    public static Uri ReplyUri(string serviceUrl, string conversationId, string? replyToId) =>
        ServiceUrl.TryParse(serviceUrl, out var baseUri)
            ? ReplyUri(baseUri, conversationId, replyToId)
            : throw new ArgumentException("The serviceUrl must be an absolute http(s) URL without a query or fragment.", nameof(serviceUrl));

    public static Uri ReplyUri(Uri serviceBase, string conversationId, string? replyToId)
    {
        var path = $"{serviceBase.AbsolutePath.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (replyToId is not null)
        {
            path += "/" + Uri.EscapeDataString(replyToId);
        }

        return new UriBuilder(serviceBase.Scheme, serviceBase.Host, serviceBase.Port) { Path = path }.Uri;
    }

    /// <summary>Posts one activity; a non-success status is returned, not thrown. Network failures throw as HttpClient does.</summary>
    public async Task<ConnectorResponse> SendAsync(Uri serviceBase, Activity activity, string? bearerToken, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation?.Id
            ?? throw new ArgumentException("An outgoing activity needs conversation.id.", nameof(activity));
        using var request = new HttpRequestMessage(HttpMethod.Post, ReplyUri(serviceBase, conversationId, activity.ReplyToId))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Default.Activity)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        // Headers only: the body is never read, so neither its size nor its character set matters.
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return new ConnectorResponse(response.StatusCode, RetryAfterOf(response.Headers.RetryAfter));
    }

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
}
