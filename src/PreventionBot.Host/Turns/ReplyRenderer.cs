using System.Collections.Concurrent;
using System.Text.Json;
using PreventionBot.Core.Content;
using PreventionBot.Core.Conversation;
using PreventionBot.Protocol;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Host.Turns;

/// <summary>
/// Turns a <see cref="BotReply"/> into the reply activity for the channel it goes to: addressed as the SDKs address
/// replies (from the inbound recipient, to the inbound sender, same conversation, <c>replyToId</c>), tagged with the
/// content id in <c>channelData</c>, and with its buttons in the form that channel renders (<see cref="ButtonLayout"/>):
/// all as suggested actions where they fit; otherwise as many as the channel shows, with the full menu as hero cards.
/// </summary>
public sealed class ReplyRenderer(BotIdentity bot, ButtonTitles titles)
{
    // Parts of reply activities that never change, built once and shared read-only. Keyed by reply reference and by
    // button and action type, all bounded by the content: clarify and country replies are new objects every turn, so
    // keying by the reply itself would grow without limit.
    private readonly ConcurrentDictionary<string, JsonElement> _channelData = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(SuggestedAction Action, string Type), CardAction> _buttons = new();

    // The role (who the engine understood it was talking to) goes into channelData.role.
    public Activity Render(Activity incoming, BotReply reply, SpeakerRole role, string locale, string timestamp)
    {
        var roleId = role == SpeakerRole.Unknown ? null : role.ToId();
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Timestamp = timestamp,
            ChannelId = incoming.ChannelId,
            From = incoming.Recipient is { Id: not null } r ? new ChannelAccount { Id = r.Id, Name = r.Name, Role = r.Role ?? "bot" } : bot.Account(),
            Recipient = incoming.From is { } f ? new ChannelAccount { Id = f.Id, Name = f.Name, AadObjectId = f.AadObjectId, Role = f.Role } : null,
            Conversation = incoming.Conversation is { } c
                ? new ConversationAccount { Id = c.Id, IsGroup = c.IsGroup, ConversationType = c.ConversationType, TenantId = c.TenantId }
                : null,
            ReplyToId = incoming.Id,
            Locale = locale,
            Text = reply.Text,
            TextFormat = "markdown",
            InputHint = reply.Actions.Count == 0 ? InputHints.AcceptingInput : InputHints.ExpectingInput,
            ChannelData = _channelData.GetOrAdd(reply.Ref + "|" + roleId, static (_, p) => ChannelDataFor(p.reply, p.roleId), (reply, roleId)),
        };
        AddButtons(activity, reply.Actions, ButtonLayout.For(incoming.ChannelId, incoming.Conversation?.ConversationType));
        return activity;
    }

    /// <summary>The plainest possible reply, for the error boundary: no buttons, nothing cached.</summary>
    public Activity RenderPlain(Activity incoming, BotReply reply, string locale, string timestamp) => new()
    {
        Type = ActivityTypes.Message,
        Timestamp = timestamp,
        ChannelId = incoming.ChannelId,
        From = incoming.Recipient is { Id: not null } r ? new ChannelAccount { Id = r.Id, Name = r.Name, Role = r.Role ?? "bot" } : bot.Account(),
        Recipient = incoming.From,
        Conversation = incoming.Conversation is { Id: not null } c ? new ConversationAccount { Id = c.Id } : null,
        ReplyToId = incoming.Id,
        Locale = locale,
        Text = reply.Text,
        TextFormat = "markdown",
        InputHint = InputHints.AcceptingInput,
        ChannelData = ChannelDataFor(reply, roleId: null),
    };

    private void AddButtons(Activity activity, IReadOnlyList<SuggestedAction> actions, ButtonLayout layout)
    {
        if (actions.Count == 0)
        {
            return;
        }

        var suggested = Math.Min(actions.Count, layout.SuggestedActions);
        if (suggested > 0)
        {
            activity.SuggestedActions = new SuggestedActions { Actions = [.. actions.Take(suggested).Select(a => Button(a, layout.SuggestedType))] };
        }

        if (suggested < actions.Count)
        {
            // The full menu, on as many cards as the channel needs.
            activity.Attachments = [.. actions.Chunk(Math.Max(1, layout.CardButtons)).Select(chunk => new Attachment
            {
                ContentType = HeroCard.ContentType,
                Content = JsonSerializer.SerializeToElement(
                    new HeroCard { Buttons = [.. chunk.Select(a => Button(a, layout.CardType))] },
                    ProtocolJson.Default.HeroCard),
            })];
            activity.AttachmentLayout = "list";
        }
    }

    private CardAction Button(SuggestedAction action, string type)
    {
        if (type == ActionTypes.ImBack)
        {
            titles.Remember(action.Title, action.Value);
        }

        return _buttons.GetOrAdd((action, type), static key => key.Type switch
        {
            // imBack sends its value as the user's message: the title, so the chat shows what was pressed.
            ActionTypes.ImBack => new CardAction { Type = ActionTypes.ImBack, Title = key.Action.Title, Value = StringElement(key.Action.Title) },
            ActionTypes.MessageBack => new CardAction
            {
                Type = ActionTypes.MessageBack,
                Title = key.Action.Title,
                Text = key.Action.Value,
                DisplayText = key.Action.Title,
            },
            _ => new CardAction { Type = ActionTypes.PostBack, Title = key.Action.Title, Value = StringElement(key.Action.Value) },
        });
    }

    private static JsonElement StringElement(string value) => JsonSerializer.SerializeToElement(value, HostJson.Default.String);

    private static JsonElement ChannelDataFor(BotReply reply, string? roleId)
    {
        using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(
            new ReplyChannelData(reply.TopicId, reply.Ref, roleId),
            HostJson.Default.ReplyChannelData));
        return document.RootElement.Clone();
    }
}

/// <summary><c>channelData</c> on every reply: the topic id is the contract; the reply reference and the speaker
/// role the bot understood (absent while unknown) help tests, clients and analytics.</summary>
public sealed record ReplyChannelData(string Topic, string Reply, string? Role = null);
