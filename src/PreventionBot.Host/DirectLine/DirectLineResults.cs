using System.Globalization;
using PreventionBot.Protocol.DirectLine;

namespace PreventionBot.Host.DirectLine;

/// <summary>Direct Line's error answers: a status and <c>{"error":{"code":…,"message":…}}</c>.</summary>
internal static class DirectLineResults
{
    public static IResult Error(int status, string code, string message) =>
        Results.Json(ErrorResponse.Create(code, message), DirectLineJson.Default.ErrorResponse, statusCode: status);

    public static IResult BadArgument(string message) => Error(StatusCodes.Status400BadRequest, DirectLineErrorCodes.BadArgument, message);

    public static IResult ConversationNotFound() =>
        Error(StatusCodes.Status404NotFound, DirectLineErrorCodes.NotFound, "Conversation not found. It may have expired; start a new one.");

    public static IResult Busy(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "60";
        return Error(StatusCodes.Status503ServiceUnavailable, DirectLineErrorCodes.TooManyRequests, "The chat is very busy right now. Please try again in a minute.");
    }

    /// <summary>A new conversation and a token bound to it (tokens/generate and the page's token endpoint).</summary>
    public static async Task<IResult> NewConversationTokenAsync(HttpContext context, ITranscriptStore transcripts, DirectLineTokens tokens) =>
        await transcripts.CreateAsync(context.RequestAborted) is { } conversationId
            ? Results.Json(
                new DirectLineConversation { ConversationId = conversationId, Token = tokens.Issue(conversationId), ExpiresIn = tokens.LifetimeSeconds },
                DirectLineJson.Default.DirectLineConversation)
            : Busy(context);

    public static IResult AttachmentsRefused() =>
        BadArgument("This chat cannot accept files or images. Please type your message instead.");

    /// <summary>Null when the credential may act on <paramref name="conversationId"/> (any conversation when null and a secret).</summary>
    public static IResult? Deny(Credential credential, string? conversationId) => credential.Kind switch
    {
        CredentialKind.Missing => Error(StatusCodes.Status401Unauthorized, DirectLineErrorCodes.BadArgument, "Send Authorization: Bearer <secret or token>."),
        CredentialKind.Invalid => Error(StatusCodes.Status403Forbidden, DirectLineErrorCodes.BadArgument, "The token or secret is not valid."),
        CredentialKind.Expired => Error(StatusCodes.Status403Forbidden, DirectLineErrorCodes.TokenExpired, "The token has expired."),
        _ when conversationId is not null && !credential.Grants(conversationId) =>
            Error(StatusCodes.Status403Forbidden, DirectLineErrorCodes.BadArgument, "The token is not valid for this conversation."),
        _ => null,
    };

    /// <summary>Empty or absent means "from the start"; anything else must be a watermark this service gave out.</summary>
    public static bool TryParseWatermark(string? value, out long watermark)
    {
        watermark = 0;
        return string.IsNullOrEmpty(value)
            || (value.Length <= 19 && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out watermark));
    }
}
