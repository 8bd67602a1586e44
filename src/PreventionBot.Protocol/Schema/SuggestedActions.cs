using System.Text.Json;
using System.Text.Json.Serialization;

namespace PreventionBot.Protocol.Schema;

public sealed class SuggestedActions
{
    public IList<string>? To { get; set; }
    public IList<CardAction> Actions { get; set; } = [];

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
