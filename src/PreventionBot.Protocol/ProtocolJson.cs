using System.Text.Json.Serialization;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Protocol;

/// <summary>
/// The one set of serializer options for the wire: camelCase, nulls omitted, and source-generated so no
/// reflection runs per request.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ExpectedReplies))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(List<Activity>))]
[JsonSerializable(typeof(HeroCard))]
public sealed partial class ProtocolJson : JsonSerializerContext;
