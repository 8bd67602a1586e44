using System.Text.Json.Serialization;
using PreventionBot.Core.Conversation;

namespace PreventionBot.Core.Storage;

/// <summary>State is stored as JSON with no type names: nothing in the store can choose what gets deserialised.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationState))]
internal sealed partial class StateJson : JsonSerializerContext;
