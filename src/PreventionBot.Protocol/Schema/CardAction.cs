using System.Text.Json;
using System.Text.Json.Serialization;

namespace PreventionBot.Protocol.Schema;

/// <summary>A button. Its <see cref="Value"/> is usually a string but the schema allows any JSON.</summary>
public sealed class CardAction
{
    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Image { get; set; }
    public string? ImageAltText { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public JsonElement? Value { get; set; }
    public JsonElement? ChannelData { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
