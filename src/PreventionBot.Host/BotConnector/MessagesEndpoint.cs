using System.Text.Json;
using PreventionBot.Host.Authentication;
using PreventionBot.Host.Hosting;
using PreventionBot.Host.Turns;
using PreventionBot.Protocol;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.BotConnector;

/// <summary>
/// <c>POST /api/messages</c>, the Bot Connector contract. With an app id, every request must carry a valid channel
/// token (<see cref="ChannelAuthenticator"/>), else 401. <c>expectReplies</c> gets the replies inline
/// (200 <c>{"activities":[…]}</c>); any other delivery mode gets 202 at once and the replies are POSTed, with the bot's
/// token, to the serviceUrl the validated token came with (open mode: loopback only). Bad input gets a problem+json
/// answer, never a 5xx.
/// </summary>
public static class MessagesEndpoint
{
    public const string Route = "/api/messages";

    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, HandleAsync);
        return endpoints;
    }

    private static async Task HandleAsync(
        HttpContext context,
        ActivityReader reader,
        ChannelAuthenticator authenticator,
        ServiceUrlTrust trust,
        TurnProcessor processor,
        ReplySender replies)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authenticator.IsOpen && string.IsNullOrWhiteSpace(authorization))
        {
            await UnauthorizedAsync(context);
            return;
        }

        var read = await reader.ReadAsync(context.Request, ActivityRules.BotConnector, context.RequestAborted);
        if (read.Refusal is { } refusal)
        {
            await ProblemResponses.WriteAsync(context, refusal.Status, refusal.Title, refusal.Detail);
            return;
        }

        var activity = read.Activity!;
        ChannelAuthentication authentication;
        try
        {
            authentication = await authenticator.AuthenticateAsync(authorization, activity, context.RequestAborted);
        }
        catch (KeysUnavailableException)
        {
            context.Response.Headers.RetryAfter = "60";
            await ProblemResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Cannot check tokens", "The channel signing keys cannot be fetched right now.");
            return;
        }

        if (!authentication.Succeeded)
        {
            await UnauthorizedAsync(context);
            return;
        }

        var expectReplies = string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal);
        Uri? serviceBase = null;
        if (!expectReplies && !trust.TryAccept(activity.ServiceUrl, authentication.Caller!.Value, out serviceBase))
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "serviceUrl not allowed",
                "Replies go only to an absolute http(s) serviceUrl without query or fragment that came with a valid channel token (without an app id: to this machine only).");
            return;
        }

        var outcome = await processor.ProcessAsync(activity);
        if (expectReplies)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, new ExpectedReplies { Activities = [.. outcome.Replies] }, ProtocolJson.Default.ExpectedReplies, context.RequestAborted);
            return;
        }

        if (outcome.Replies.Count > 0)
        {
            await replies.EnqueueAsync(new ReplyBatch(serviceBase!, outcome.Replies), context.RequestAborted);
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static Task UnauthorizedAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ProblemResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "A valid Bot Framework channel token is required.");
    }
}
