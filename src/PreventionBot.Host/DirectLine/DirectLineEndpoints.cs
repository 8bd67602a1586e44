using System.Text.Json;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;
using PreventionBot.Core.Conversation;
using PreventionBot.Host.Turns;
using PreventionBot.Protocol.DirectLine;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.DirectLine;

/// <summary>
/// Direct Line 3.0 under <c>/v3/directline</c>, enough for Web Chat 4.18 and DirectLineJS 0.15: tokens, conversations,
/// activities by polling (with watermarks) and by WebSocket. Each posted activity is stamped as the Direct Line
/// service would, echoed to the client (with its new id and the client's <c>channelData.clientActivityID</c>), given
/// to the bot through <see cref="TurnProcessor"/>, and the bot's replies are appended after it.
/// No conversationUpdate is sent on start: the page's <c>webchat/join</c> event asks for the welcome instead.
/// </summary>
public static class DirectLineEndpoints
{
    public const string Prefix = "/v3/directline";
    public const string CorsPolicy = "DirectLine";

    private const int MaxKeptJsonChars = 1024;

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).RequireCors(CorsPolicy);

        group.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        group.MapPost("/tokens/generate", GenerateTokenAsync);
        group.MapPost("/tokens/refresh", RefreshTokenAsync);
        group.MapPost("/conversations", StartConversationAsync);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.MapPost("/conversations/{conversationId}/upload", UploadAsync);
        group.MapGet("/conversations/{conversationId}/stream", DirectLineStream.HandleAsync);
        return endpoints;
    }

    internal static Credential Authenticate(HttpContext context, DirectLineTokens tokens)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? tokens.Check(header[7..].Trim())
            : Credential.Missing;
    }

    /// <summary>Secret only: a token for a conversation that starts when the client first uses it.</summary>
    private static async Task<IResult> GenerateTokenAsync(HttpContext context, DirectLineTokens tokens, ITranscriptStore transcripts)
    {
        var credential = Authenticate(context, tokens);
        if (DirectLineResults.Deny(credential, null) is { } denied)
        {
            return denied;
        }

        if (credential.Kind != CredentialKind.Secret)
        {
            return DirectLineResults.Error(StatusCodes.Status403Forbidden, DirectLineErrorCodes.BadArgument, "Generating a token needs the secret.");
        }

        return await DirectLineResults.NewConversationTokenAsync(context, transcripts, tokens);
    }

    private static async Task<IResult> RefreshTokenAsync(HttpContext context, DirectLineTokens tokens, ITranscriptStore transcripts)
    {
        var credential = Authenticate(context, tokens);
        if (DirectLineResults.Deny(credential, null) is { } denied)
        {
            return denied;
        }

        if (credential.Kind != CredentialKind.Token)
        {
            return DirectLineResults.BadArgument("Only a token can be refreshed.");
        }

        if (await transcripts.FindAsync(credential.ConversationId!, context.RequestAborted) is null)
        {
            return DirectLineResults.ConversationNotFound();
        }

        return Results.Json(
            new DirectLineConversation { ConversationId = credential.ConversationId, Token = tokens.Issue(credential.ConversationId!), ExpiresIn = tokens.LifetimeSeconds },
            DirectLineJson.Default.DirectLineConversation);
    }

    /// <summary>201 for a new conversation; 200 when this token's conversation had already been started.</summary>
    private static async Task<IResult> StartConversationAsync(HttpContext context, DirectLineTokens tokens, ITranscriptStore transcripts)
    {
        var credential = Authenticate(context, tokens);
        if (DirectLineResults.Deny(credential, null) is { } denied)
        {
            return denied;
        }

        string conversationId;
        bool isNew;
        if (credential.Kind == CredentialKind.Secret)
        {
            if (await transcripts.CreateAsync(context.RequestAborted) is not { } created)
            {
                return DirectLineResults.Busy(context);
            }

            // A conversation made here is new, and this is its start.
            (conversationId, isNew) = (created, await transcripts.StartAsync(created, context.RequestAborted) ?? true);
        }
        else
        {
            if (await transcripts.StartAsync(credential.ConversationId!, context.RequestAborted) is not { } first)
            {
                return DirectLineResults.Busy(context);
            }

            (conversationId, isNew) = (credential.ConversationId!, first);
        }

        var token = tokens.Issue(conversationId);
        return Results.Json(
            new DirectLineConversation
            {
                ConversationId = conversationId,
                Token = token,
                ExpiresIn = tokens.LifetimeSeconds,
                StreamUrl = StreamUrl(context.Request, conversationId, token, null),
            },
            DirectLineJson.Default.DirectLineConversation,
            statusCode: isNew ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>A fresh stream URL for a client reconnecting (optionally replaying from a watermark).</summary>
    private static async Task<IResult> ReconnectAsync(HttpContext context, string conversationId, string? watermark, DirectLineTokens tokens, ITranscriptStore transcripts)
    {
        if (DirectLineResults.Deny(Authenticate(context, tokens), conversationId) is { } denied)
        {
            return denied;
        }

        if (await transcripts.FindAsync(conversationId, context.RequestAborted) is not { } last)
        {
            return DirectLineResults.ConversationNotFound();
        }

        if (!DirectLineResults.TryParseWatermark(watermark, out var from) || from > last)
        {
            return DirectLineResults.BadArgument("The watermark is not one this conversation gave out.");
        }

        var token = tokens.Issue(conversationId);
        return Results.Json(
            new DirectLineConversation
            {
                ConversationId = conversationId,
                Token = token,
                ExpiresIn = tokens.LifetimeSeconds,
                StreamUrl = StreamUrl(context.Request, conversationId, token, string.IsNullOrEmpty(watermark) ? null : watermark),
            },
            DirectLineJson.Default.DirectLineConversation);
    }

    private static async Task<IResult> GetActivitiesAsync(HttpContext context, string conversationId, string? watermark, DirectLineTokens tokens, ITranscriptStore transcripts)
    {
        if (DirectLineResults.Deny(Authenticate(context, tokens), conversationId) is { } denied)
        {
            return denied;
        }

        if (await transcripts.FindAsync(conversationId, context.RequestAborted) is null)
        {
            return DirectLineResults.ConversationNotFound();
        }

        if (!DirectLineResults.TryParseWatermark(watermark, out var from)
            || await transcripts.ReadAfterAsync(conversationId, from, context.RequestAborted) is not { } page)
        {
            return DirectLineResults.BadArgument("The watermark is not one this conversation gave out.");
        }

        return Results.Bytes(ActivitySetJson.Write(page.Activities, page.Watermark), ActivitySetJson.ContentType);
    }

    private static async Task<IResult> PostActivityAsync(
        HttpContext context,
        string conversationId,
        DirectLineTokens tokens,
        ITranscriptStore transcripts,
        ActivityReader reader,
        TurnProcessor processor,
        BotIdentity bot,
        IOptions<DirectLineOptions> options,
        IHostApplicationLifetime lifetime)
    {
        if (DirectLineResults.Deny(Authenticate(context, tokens), conversationId) is { } denied)
        {
            return denied;
        }

        if (await transcripts.FindAsync(conversationId, context.RequestAborted) is null)
        {
            return DirectLineResults.ConversationNotFound();
        }

        var read = await reader.ReadAsync(context.Request, ActivityRules.DirectLine(options.Value.MaxTextLength), context.RequestAborted);
        if (read.Refusal is { } refusal)
        {
            return DirectLineResults.Error(refusal.Status, refusal.Code, refusal.Detail);
        }

        var incoming = Stamp(read.Activity!, conversationId, BaseUrl(context.Request), bot);
        await using (await transcripts.LockTurnsAsync(conversationId, lifetime.ApplicationStopping))
        {
            // Once the turn has begun, what it appends is kept even if the client goes away.
            var echo = EchoOf(incoming);
            var sequence = await transcripts.AppendAsync(conversationId, echo, CancellationToken.None);
            incoming.Id = echo.Id;
            incoming.Timestamp = echo.Timestamp;

            // The turn processor owns the error boundary and answers as the channel needs: its replies are appended as they are.
            var outcome = await processor.ProcessAsync(incoming);
            if (outcome.Kind == TurnKind.DeleteConversation)
            {
                // The user asked to forget this conversation: the transcript goes now, not at expiry. What stays is
                // the (text-free) event and the bot's confirmation, so the page can show that it worked.
                await transcripts.ForgetBeforeAsync(conversationId, sequence, CancellationToken.None);
            }

            foreach (var reply in outcome.Replies)
            {
                await transcripts.AppendAsync(conversationId, reply, CancellationToken.None);
            }

            return Results.Json(new ResourceResponse { Id = echo.Id }, DirectLineJson.Default.ResourceResponse);
        }
    }

    private static async Task<IResult> UploadAsync(HttpContext context, string conversationId, DirectLineTokens tokens, ITranscriptStore transcripts)
    {
        if (DirectLineResults.Deny(Authenticate(context, tokens), conversationId) is { } denied)
        {
            return denied;
        }

        return await transcripts.FindAsync(conversationId, context.RequestAborted) is null
            ? DirectLineResults.ConversationNotFound()
            : DirectLineResults.AttachmentsRefused();
    }

    /// <summary>The activity as the bot sees it: the channel's fields are ours, the content is the client's.</summary>
    private static Activity Stamp(Activity posted, string conversationId, string serviceUrl, BotIdentity bot) => new()
    {
        Type = posted.Type,
        ChannelId = ChannelIds.DirectLine,
        ServiceUrl = serviceUrl,
        Conversation = new ConversationAccount { Id = conversationId },
        From = new ChannelAccount { Id = posted.From!.Id, Role = "user" },
        Recipient = bot.Account(),
        Text = posted.Text,
        TextFormat = posted.TextFormat,
        Locale = posted.Locale,
        LocalTimestamp = posted.LocalTimestamp,
        LocalTimezone = posted.LocalTimezone,
        Name = posted.Name,
        Value = posted.Value,
        ValueType = posted.ValueType,
        ChannelData = posted.ChannelData,
        Entities = posted.Entities,
        ReplyToId = posted.ReplyToId,
        Code = posted.Code,
    };

    /// <summary>
    /// What is kept and sent back to the client: the user's own activity, minus what it does not need to see again
    /// (entities, large values), with <c>channelData.clientActivityID</c> always preserved so Web Chat marks it sent.
    /// </summary>
    private static Activity EchoOf(Activity incoming) => new()
    {
        Type = incoming.Type,
        ChannelId = incoming.ChannelId,
        Conversation = incoming.Conversation,
        From = incoming.From,
        Recipient = incoming.Recipient,
        Text = incoming.Text,
        TextFormat = incoming.TextFormat,
        Locale = incoming.Locale,
        LocalTimestamp = incoming.LocalTimestamp,
        Name = incoming.Name,
        Value = IsSmall(incoming.Value) ? incoming.Value : null,
        ReplyToId = incoming.ReplyToId,
        ChannelData = IsSmall(incoming.ChannelData) ? incoming.ChannelData : ClientActivityIdOnly(incoming.ChannelData),
    };

    private static bool IsSmall(JsonElement? element) => element is { } e && e.GetRawText().Length <= MaxKeptJsonChars;

    private static JsonElement? ClientActivityIdOnly(JsonElement? channelData)
    {
        if (channelData is not { ValueKind: JsonValueKind.Object } data
            || !data.TryGetProperty("clientActivityID", out var id)
            || id.ValueKind != JsonValueKind.String
            || id.GetString() is not { Length: <= 200 } value)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("clientActivityID", value);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    internal static string BaseUrl(HttpRequest request) =>
        UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase).TrimEnd('/');

    internal static string StreamUrl(HttpRequest request, string conversationId, string token, string? watermark)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var url = $"{scheme}://{request.Host}{request.PathBase}{Prefix}/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(token)}";
        return watermark is null ? url : url + "&watermark=" + Uri.EscapeDataString(watermark);
    }
}
