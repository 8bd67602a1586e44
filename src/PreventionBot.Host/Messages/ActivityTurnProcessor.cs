using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using PreventionBot.Core.Content;
using PreventionBot.Core.Conversation;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Messages;

/// <summary>
/// The seam between the wire and the conversation: an incoming activity becomes a <see cref="TurnRequest"/>,
/// and each <see cref="BotReply"/> becomes a reply activity. Both /api/messages and Direct Line use it.
/// </summary>
public sealed class ActivityTurnProcessor(ConversationEngine engine, TimeProvider time)
{
    /// <summary>Web Chat's conventional event when a page connects (carries the browser language).</summary>
    public const string JoinEventName = "webchat/join";

    /// <summary>The web page's "Delete this conversation" button.</summary>
    public const string DeleteEventName = "preventionbot/delete-conversation";

    private static readonly ChannelAccount DefaultBot = new() { Id = "preventionbot", Name = "PreventionBot", Role = "bot" };

    // Parts of reply activities that never change, built once and shared read-only. Keyed by reply reference
    // and by button, both bounded by the content: clarify and country replies are new objects every turn,
    // so keying by the reply itself would grow without limit.
    private readonly ConcurrentDictionary<string, JsonElement> _channelData = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SuggestedAction, CardAction> _buttons = new();

    public async Task<IReadOnlyList<Activity>> ProcessAsync(Activity incoming, CancellationToken cancellationToken)
    {
        if (ToTurn(incoming) is not { } turn)
        {
            return [];
        }

        var result = await engine.HandleAsync(turn, cancellationToken);
        if (result.Replies.Count == 0)
        {
            return [];
        }

        var timestamp = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var activities = new List<Activity>(result.Replies.Count);
        foreach (var reply in result.Replies)
        {
            activities.Add(ToActivity(incoming, reply, result.Role, result.Locale, timestamp));
        }

        return activities;
    }

    /// <summary>Null for activities the bot acknowledges and ignores (typing, unknown types, its own join).</summary>
    public static TurnRequest? ToTurn(Activity incoming)
    {
        var key = ConversationKeys.Create(incoming.ChannelId ?? string.Empty, incoming.Conversation?.Id ?? string.Empty);
        switch (incoming.Type)
        {
            case ActivityTypes.Message:
                return new TurnRequest(key, TurnKind.Message, MessageText(incoming), incoming.Locale, incoming.Attachments is { Count: > 0 });

            case ActivityTypes.ConversationUpdate
                when incoming.MembersAdded?.Any(m => m.Id is not null && m.Id != incoming.Recipient?.Id) == true:
                return new TurnRequest(key, TurnKind.ConversationStarted, Locale: incoming.Locale);

            case ActivityTypes.Event when incoming.Name == JoinEventName:
                return new TurnRequest(key, TurnKind.ConversationStarted, Locale: incoming.Locale ?? LanguageOf(incoming.Value));

            case ActivityTypes.Event when incoming.Name == DeleteEventName:
            case "deleteUserData":
                return new TurnRequest(key, TurnKind.DeleteConversation, Locale: incoming.Locale);

            default:
                return null;
        }
    }

    private Activity ToActivity(Activity incoming, BotReply reply, SpeakerRole role, string locale, string timestamp)
    {
        var roleId = role == SpeakerRole.Unknown ? null : role.ToId();
        var channelData = _channelData.GetOrAdd(reply.Ref + "|" + roleId, static (_, p) => ChannelDataFor(p.reply, p.roleId), (reply, roleId));
        var actions = reply.Actions.Count == 0
            ? null
            : new SuggestedActions { Actions = [.. reply.Actions.Select(a => _buttons.GetOrAdd(a, ToCardAction))] };
        return new Activity
        {
            Type = ActivityTypes.Message,
            Timestamp = timestamp,
            ChannelId = incoming.ChannelId,
            From = incoming.Recipient ?? DefaultBot,
            Recipient = incoming.From,
            Conversation = incoming.Conversation is { } c ? new ConversationAccount { Id = c.Id, IsGroup = c.IsGroup, ConversationType = c.ConversationType, TenantId = c.TenantId } : null,
            ReplyToId = incoming.Id,
            Locale = locale,
            Text = reply.Text,
            TextFormat = "markdown",
            InputHint = actions is null ? InputHints.AcceptingInput : InputHints.ExpectingInput,
            SuggestedActions = actions,
            ChannelData = channelData,
        };
    }

    /// <summary>postBack buttons from Web Chat arrive as text; messageBack ones may carry only a value.</summary>
    private static string? MessageText(Activity incoming) =>
        incoming.Text ?? (incoming.Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null);

    private static string? LanguageOf(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.String
            ? language.GetString()
            : null;

    private static JsonElement ChannelDataFor(BotReply reply, string? roleId)
    {
        using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(
            new ReplyChannelData(reply.TopicId, reply.Ref, roleId),
            HostJson.Default.ReplyChannelData));
        return document.RootElement.Clone();
    }

    private static CardAction ToCardAction(SuggestedAction action) => new()
    {
        Type = ActionTypes.PostBack,
        Title = action.Title,
        Value = JsonSerializer.SerializeToElement(action.Value, HostJson.Default.String),
    };
}

/// <summary><c>channelData</c> on every reply: the topic id is the contract; the reply reference and the speaker
/// role the bot understood (absent while unknown) help tests, clients and analytics.</summary>
public sealed record ReplyChannelData(string Topic, string Reply, string? Role = null);
