using System.Text.Json;
using Microsoft.Extensions.Options;
using PreventionBot.Host.Connector;
using PreventionBot.Host.Hosting;
using PreventionBot.Protocol;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Messages;

/// <summary>
/// <c>POST /api/messages</c>, the Bot Connector contract: <c>expectReplies</c> gets the replies inline
/// (200 <c>{"activities":[…]}</c>); any other delivery mode gets 202 at once and the replies are POSTed to the
/// channel's serviceUrl. Bad input gets a problem+json answer, never a 500.
/// </summary>
public static class BotMessagesEndpoint
{
    public const string Route = "/api/messages";

    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, HandleAsync);
        return endpoints;
    }

    private static async Task HandleAsync(
        HttpContext context,
        ActivityTurnProcessor processor,
        OutboundReplySender outbound,
        IOptions<BotHostOptions> options)
    {
        var settings = options.Value;
        if (!IsJson(context.Request.ContentType))
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the activity as application/json.");
            return;
        }

        var body = await RequestBody.ReadAsync(context.Request, settings.MaxRequestBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large", $"An activity may be at most {settings.MaxRequestBodyBytes} bytes.");
            return;
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, ProtocolJson.Default.Activity);
        }
        catch (JsonException)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Malformed JSON", "The body is not a valid JSON activity.");
            return;
        }

        var expectReplies = string.Equals(activity?.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal);
        if (MissingFields(activity, expectReplies) is { } missing)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid activity", $"Required fields are missing: {missing}.");
            return;
        }

        if (!expectReplies && !ServiceUrls.IsAllowed(activity!.ServiceUrl!, settings.AllowedServiceUrlHosts))
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "serviceUrl not allowed", "This bot does not send replies to that serviceUrl (see Bot:AllowedServiceUrlHosts).");
            return;
        }

        var replies = await processor.ProcessAsync(activity!, context.RequestAborted);
        if (expectReplies)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, new ExpectedReplies { Activities = [.. replies] }, ProtocolJson.Default.ExpectedReplies, context.RequestAborted);
            return;
        }

        if (replies.Count > 0)
        {
            await outbound.EnqueueAsync(new OutboundBatch(activity!.ServiceUrl!, replies), context.RequestAborted);
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && contentType.Contains("+json", StringComparison.OrdinalIgnoreCase)));

    private static string? MissingFields(Activity? activity, bool expectReplies)
    {
        if (activity is null)
        {
            return "the activity itself (the body was null)";
        }

        var missing = new List<string>(4);
        if (string.IsNullOrEmpty(activity.Type))
        {
            missing.Add("type");
        }

        if (string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            missing.Add("conversation.id");
        }

        if (string.IsNullOrEmpty(activity.ChannelId))
        {
            missing.Add("channelId");
        }

        if (!expectReplies && string.IsNullOrEmpty(activity.ServiceUrl))
        {
            missing.Add("serviceUrl");
        }

        return missing.Count == 0 ? null : string.Join(", ", missing);
    }
}
