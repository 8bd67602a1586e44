using System.Text.Json;
using PreventionBot.Core.Conversation;

namespace PreventionBot.Core.Storage;

/// <summary>How a stored row (version, schema version, JSON) becomes state, the same for every database store.</summary>
internal static class StoredState
{
    public static ConversationState FromRow(long etag, int schemaVersion, string json) =>
        FromState(etag, schemaVersion, schemaVersion == ConversationState.CurrentSchemaVersion
            ? JsonSerializer.Deserialize(json, StateJson.Default.ConversationState)
            : null);

    /// <summary>The same from UTF-8 JSON.</summary>
    public static ConversationState FromRow(long etag, int schemaVersion, ReadOnlySpan<byte> json) =>
        FromState(etag, schemaVersion, schemaVersion == ConversationState.CurrentSchemaVersion
            ? JsonSerializer.Deserialize(json, StateJson.Default.ConversationState)
            : null);

    // Another shape is discarded, not migrated: the conversation starts afresh and its save replaces the row.
    private static ConversationState FromState(long etag, int schemaVersion, ConversationState? state) =>
        schemaVersion == ConversationState.CurrentSchemaVersion && state is not null
            ? state with { ETag = etag }
            : new ConversationState { ETag = etag };
}
