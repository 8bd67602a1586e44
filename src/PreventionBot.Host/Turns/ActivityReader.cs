using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PreventionBot.Host.Hosting;
using PreventionBot.Protocol;
using PreventionBot.Protocol.DirectLine;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Turns;

/// <summary>A body that did not become an activity: the HTTP status, a stable code (Direct Line's), and words for people.</summary>
public sealed record ActivityRefusal(int Status, string Code, string Title, string Detail);

/// <summary>Either an activity or the reason there is none.</summary>
public readonly record struct ActivityRead(Activity? Activity, ActivityRefusal? Refusal);

/// <summary>What an endpoint requires of an activity beyond being one.</summary>
public sealed record ActivityRules
{
    /// <summary>/api/messages: the channel names itself, the conversation and (unless it expects replies inline) where to reply.</summary>
    public static readonly ActivityRules BotConnector = new() { RequireChannelAndConversation = true, RequireServiceUrl = true };

    public bool RequireChannelAndConversation { get; init; }

    /// <summary>Required unless <c>deliveryMode</c> is <c>expectReplies</c>.</summary>
    public bool RequireServiceUrl { get; init; }

    public bool RequireFromId { get; init; }

    public int MaxFromIdLength { get; init; } = int.MaxValue;

    public int MaxTextLength { get; init; } = int.MaxValue;

    public bool RefuseAttachments { get; init; }

    /// <summary>Direct Line: the client says who it is; the host fills in the channel's fields.</summary>
    public static ActivityRules DirectLine(int maxTextLength) => new()
    {
        RequireFromId = true,
        MaxFromIdLength = 128,
        MaxTextLength = maxTextLength,
        RefuseAttachments = true,
    };
}

/// <summary>
/// The one place a request body becomes an <see cref="Activity"/>, for /api/messages and Direct Line alike: media type
/// (<c>application/json</c> or <c>application/*+json</c>, UTF-8), size, a UTF-8 byte-order mark tolerated, JSON,
/// required fields. Every way a client can get this wrong is a refusal with a 4xx status, never an exception; a body the
/// client sent short or too slowly is logged at Information in one line.
/// </summary>
public sealed partial class ActivityReader(IOptions<BotHostOptions> options, ILogger<ActivityReader> logger)
{
    public const string AttachmentsRefused = "This chat cannot accept files or images. Please type your message instead.";

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public async Task<ActivityRead> ReadAsync(HttpRequest request, ActivityRules rules, CancellationToken cancellationToken)
    {
        if (!IsJsonMediaType(request.ContentType))
        {
            return Refuse(StatusCodes.Status415UnsupportedMediaType, DirectLineErrorCodes.BadArgument, "Unsupported media type", "Send the activity as application/json in UTF-8.");
        }

        var limit = options.Value.MaxRequestBodyBytes;
        byte[]? body;
        try
        {
            body = await RequestBody.ReadAsync(request, limit, cancellationToken);
        }
        catch (BadHttpRequestException e)
        {
            LogClientFault(logger, e.StatusCode);
            return Refuse(e.StatusCode, DirectLineErrorCodes.BadArgument, "Bad request body", "The request body was incomplete, malformed or too slow.");
        }

        if (body is null)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, DirectLineErrorCodes.BadArgument, "Request too large", $"An activity may be at most {limit} bytes.");
        }

        var json = body.AsSpan().StartsWith(Utf8Bom) ? body.AsSpan(Utf8Bom.Length) : body.AsSpan();
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(json, ProtocolJson.Default.Activity);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException or DecoderFallbackException)
        {
            return Refuse(StatusCodes.Status400BadRequest, DirectLineErrorCodes.BadSyntax, "Malformed JSON", "The body is not a valid JSON activity.");
        }

        return Check(activity, rules) is { } refusal ? new ActivityRead(null, refusal) : new ActivityRead(activity, null);
    }

    /// <summary><c>application/json</c> or <c>application/something+json</c>, with no charset or UTF-8.</summary>
    public static bool IsJsonMediaType(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType.Value is not { } mediaType)
        {
            return false;
        }

        var json = mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
                && mediaType.Length > "application/+json".Length);
        var charset = parsed.Charset.Value;
        return json && (string.IsNullOrEmpty(charset)
            || charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Trim('"').Equals("utf8", StringComparison.OrdinalIgnoreCase));
    }

    private static ActivityRefusal? Check(Activity? activity, ActivityRules rules)
    {
        if (activity is null)
        {
            return Missing("the activity itself (the body was null)");
        }

        var missing = new List<string>(4);
        if (string.IsNullOrEmpty(activity.Type))
        {
            missing.Add("type");
        }

        if (rules.RequireChannelAndConversation)
        {
            if (string.IsNullOrEmpty(activity.Conversation?.Id))
            {
                missing.Add("conversation.id");
            }

            if (string.IsNullOrEmpty(activity.ChannelId))
            {
                missing.Add("channelId");
            }
        }

        if (rules.RequireServiceUrl && string.IsNullOrEmpty(activity.ServiceUrl)
            && !string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal))
        {
            missing.Add("serviceUrl");
        }

        if (rules.RequireFromId && string.IsNullOrEmpty(activity.From?.Id))
        {
            missing.Add("from.id");
        }

        if (missing.Count > 0)
        {
            return Missing(string.Join(", ", missing));
        }

        if (activity.From?.Id?.Length > rules.MaxFromIdLength)
        {
            return Invalid(StatusCodes.Status400BadRequest, $"from.id may be at most {rules.MaxFromIdLength} characters.");
        }

        if (rules.RefuseAttachments && activity.Attachments is { Count: > 0 })
        {
            return Invalid(StatusCodes.Status400BadRequest, AttachmentsRefused);
        }

        if (activity.Text?.Length > rules.MaxTextLength)
        {
            return Invalid(StatusCodes.Status413PayloadTooLarge, $"A message may be at most {rules.MaxTextLength} characters.");
        }

        if (activity.Locale?.Length > 35 || activity.Name?.Length > 100)
        {
            return Invalid(StatusCodes.Status400BadRequest, "locale or name is too long.");
        }

        return null;
    }

    private static ActivityRefusal Missing(string fields) =>
        new(StatusCodes.Status400BadRequest, DirectLineErrorCodes.MissingProperty, "Invalid activity", $"Required fields are missing: {fields}.");

    private static ActivityRefusal Invalid(int status, string detail) =>
        new(status, DirectLineErrorCodes.BadArgument, "Invalid activity", detail);

    private static ActivityRead Refuse(int status, string code, string title, string detail) =>
        new(null, new ActivityRefusal(status, code, title, detail));

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "An activity's body could not be read: the client sent it incomplete, malformed or too slowly ({Status})")]
    private static partial void LogClientFault(ILogger logger, int status);
}
