using System.Text.Json.Serialization;

namespace PreventionBot.Host.Turns;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReplyChannelData))]
[JsonSerializable(typeof(string))]
internal sealed partial class HostJson : JsonSerializerContext;
