using System.Text.Json.Serialization;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Protocol.DirectLine;

/// <summary>
/// Source-generated serializer context for the Direct Line 3.0 client API (same conventions as
/// <see cref="ProtocolJson"/>: camelCase, nulls omitted).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(DirectLineConversation))]
[JsonSerializable(typeof(ActivitySet))]
[JsonSerializable(typeof(TokenParameters))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ResourceResponse))]
public sealed partial class DirectLineJson : JsonSerializerContext;
