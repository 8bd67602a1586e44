using System.Text.Json;
using System.Text.Json.Serialization;

namespace PreventionBot.Protocol.Schema;

/// <summary>A hero card (<c>application/vnd.microsoft.card.hero</c>): here, a menu of buttons.</summary>
public sealed class HeroCard
{
    public const string ContentType = "application/vnd.microsoft.card.hero";

    public string? Title { get; set; }
    public string? Text { get; set; }
    public IList<CardAction>? Buttons { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
