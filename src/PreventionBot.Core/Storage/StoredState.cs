using System.Text.Json;
using PreventionBot.Core.Conversation;

namespace PreventionBot.Core.Storage;

/// <summary>How a stored row (version, schema version, JSON) becomes state, the same for every database store.</summary>
internal static class StoredState
{
    public static ConversationState FromRow(long etag, int schemaVersion, string json)
    {
        if (schemaVersion != ConversationState.CurrentSchemaVersion)
        {
            // Another shape is discarded, not migrated: the conversation starts afresh and its save replaces the row.
            return new ConversationState { ETag = etag };
        }

        var state = JsonSerializer.Deserialize(json, StateJson.Default.ConversationState);
        return state is null ? new ConversationState { ETag = etag } : state with { ETag = etag };
    }
}
