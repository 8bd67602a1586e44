using System.Text.Json;
using PreventionBot.Core.Conversation;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Turns;

/// <summary>What a turn was (null when the activity was acknowledged and ignored) and the replies it produced.</summary>
public sealed record TurnOutcome(TurnKind? Kind, IReadOnlyList<Activity> Replies)
{
    public static readonly TurnOutcome Ignored = new(null, []);
}

/// <summary>
/// The host's one room for turns, shared by /api/messages and Direct Line: an incoming activity becomes a
/// <see cref="TurnRequest"/>, the conversation engine answers, and each reply becomes an activity rendered for the
/// channel (<see cref="ReplyRenderer"/>). This is the host's only error boundary around a turn: whatever fails here, the
/// user gets the safe fallback reply (with crisis and emergency contacts), the failure is logged by exception type
/// only, and no caller sees an exception. Turns run to the end even if the client goes away; only stopping the host
/// cancels them.
/// </summary>
public sealed partial class TurnProcessor(
    ConversationEngine engine,
    ReplyRenderer renderer,
    ButtonTitles titles,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<TurnProcessor> logger)
{
    /// <summary>Web Chat's conventional event when a page connects (carries the browser language).</summary>
    public const string JoinEventName = "webchat/join";

    /// <summary>The web page's "Delete this conversation" button.</summary>
    public const string DeleteEventName = "preventionbot/delete-conversation";

    public async Task<TurnOutcome> ProcessAsync(Activity incoming)
    {
        TurnRequest? turn = null;
        try
        {
            turn = ToTurn(incoming, titles);
            if (turn is null)
            {
                return TurnOutcome.Ignored;
            }

            var result = await engine.HandleAsync(turn, lifetime.ApplicationStopping);
            var timestamp = WireTime.Format(time.GetUtcNow());
            var replies = new List<Activity>(result.Replies.Count);
            foreach (var reply in result.Replies)
            {
                replies.Add(renderer.Render(incoming, reply, result.Role, result.Locale, timestamp));
            }

            return new TurnOutcome(turn.Kind, replies);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            LogTurnFailed(logger, e.GetType().FullName ?? e.GetType().Name);
            return new TurnOutcome(turn?.Kind, Fallback(incoming));
        }
    }

    /// <summary>Null for activities the bot acknowledges and ignores (typing, unknown types, its own join).</summary>
    public static TurnRequest? ToTurn(Activity incoming, ButtonTitles? titles = null)
    {
        var key = ConversationKeys.Create(incoming.ChannelId ?? string.Empty, incoming.Conversation?.Id ?? string.Empty);
        switch (incoming.Type)
        {
            case ActivityTypes.Message:
                return new TurnRequest(key, TurnKind.Message, MessageText(incoming, titles), WellFormed(incoming.Locale), incoming.Attachments is { Count: > 0 });

            case ActivityTypes.ConversationUpdate
                when incoming.MembersAdded?.Any(m => m.Id is not null && m.Id != incoming.Recipient?.Id) == true:
                return new TurnRequest(key, TurnKind.ConversationStarted, Locale: WellFormed(incoming.Locale));

            case ActivityTypes.Event when incoming.Name == JoinEventName:
                return new TurnRequest(key, TurnKind.ConversationStarted, Locale: WellFormed(incoming.Locale ?? LanguageOf(incoming.Value)));

            case ActivityTypes.Event when incoming.Name == DeleteEventName:
            case ActivityTypes.DeleteUserData:
                return new TurnRequest(key, TurnKind.DeleteConversation, Locale: WellFormed(incoming.Locale));

            default:
                return null;
        }
    }

    /// <summary>
    /// The text the user meant: without an @mention of the bot (Teams puts <c>&lt;at&gt;Bot&lt;/at&gt;</c> in the text of
    /// channel messages), a Teams imBack title turned back into its button's value, and a messageBack or postBack value
    /// when there is no text.
    /// </summary>
    private static string? MessageText(Activity incoming, ButtonTitles? titles)
    {
        var text = WellFormed(WithoutBotMention(incoming) ?? (incoming.Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null));
        if (incoming.ChannelId == ChannelIds.Teams && titles?.ValueOf(text) is { } pressed)
        {
            return pressed;
        }

        return text;
    }

    /// <summary>
    /// JSON can carry text that is not valid Unicode: a lone surrogate (<c>"\uD800"</c>) or the noncharacters U+FFFE and
    /// U+FFFF. Each becomes U+FFFD, as a UTF-8 encoder would make it, so nothing past the wire sees them (Unicode
    /// normalisation throws on U+FFFE: the fuzz tests found a turn failing on it).
    /// </summary>
    internal static string? WellFormed(string? text)
    {
        if (text is null)
        {
            return null;
        }

        char[]? chars = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                chars ??= text.ToCharArray();
                chars[i] = '\uFFFD';
            }
        }

        return chars is null ? text : new string(chars);
    }

    private static string? WithoutBotMention(Activity incoming)
    {
        var text = incoming.Text;
        if (text is null || incoming.Entities is not { Count: > 0 } entities || incoming.Recipient?.Id is not { } botId)
        {
            return text;
        }

        foreach (var entity in entities)
        {
            if (entity.ValueKind == JsonValueKind.Object
                && entity.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                && string.Equals(type.GetString(), "mention", StringComparison.OrdinalIgnoreCase)
                && entity.TryGetProperty("mentioned", out var mentioned) && mentioned.ValueKind == JsonValueKind.Object
                && mentioned.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == botId
                && entity.TryGetProperty("text", out var mentionText) && mentionText.ValueKind == JsonValueKind.String
                && mentionText.GetString() is { Length: > 0 } mention)
            {
                var at = text.IndexOf(mention, StringComparison.Ordinal);
                return at < 0 ? text : text.Remove(at, mention.Length).Trim();
            }
        }

        return text;
    }

    private static string? LanguageOf(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.String
            ? language.GetString()
            : null;

    private IReadOnlyList<Activity> Fallback(Activity incoming)
    {
        try
        {
            var content = engine.Content;
            var jurisdiction = content.FindByLocale(incoming.Locale) ?? content.International;
            var reply = content.GetReply(jurisdiction, SystemReplies.Error);
            return [renderer.RenderPlain(incoming, reply, incoming.Locale ?? jurisdiction.DefaultLocale, WireTime.Format(time.GetUtcNow()))];
        }
        catch (Exception e)
        {
            LogFallbackFailed(logger, e.GetType().FullName ?? e.GetType().Name);
            return [];
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Turn failed with {ExceptionType}; the user got the fallback reply")]
    private static partial void LogTurnFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "The fallback reply failed too, with {ExceptionType}; the turn has no reply")]
    private static partial void LogFallbackFailed(ILogger logger, string exceptionType);
}
