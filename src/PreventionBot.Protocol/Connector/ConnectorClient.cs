using System.Net.Http.Json;
using System.Text.Json;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Protocol.Connector;

/// <summary>
/// Sends the bot's activities to a channel through the Bot Connector REST API:
/// <c>POST {serviceUrl}/v3/conversations/{conversationId}/activities/{replyToId}</c>.
/// Conversation ids such as <c>conv|1</c> and reply ids are URL-encoded, as the Emulator and the SDKs do.
/// </summary>
public sealed class ConnectorClient(HttpClient http)
{
    public static Uri ReplyUri(string serviceUrl, string conversationId, string? replyToId)
    {
        var root = serviceUrl.TrimEnd('/');
        var path = $"{root}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        return new Uri(replyToId is null ? path : $"{path}/{Uri.EscapeDataString(replyToId)}");
    }

    public async Task<ResourceResponse?> SendAsync(string serviceUrl, Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation?.Id
            ?? throw new ArgumentException("An outgoing activity needs conversation.id.", nameof(activity));
        using var response = await http.PostAsJsonAsync(
            ReplyUri(serviceUrl, conversationId, activity.ReplyToId),
            activity,
            ProtocolJson.Default.Activity,
            cancellationToken);
        response.EnsureSuccessStatusCode();
        // Channels answer with a ResourceResponse, an empty body, or something else entirely (the Emulator
        // varies); the id is informational, so an unreadable body is not a failure.
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize(body, ProtocolJson.Default.ResourceResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
