using System.Text.Json;
using System.Text.Json.Serialization;
using PreventionBot.Protocol.Schema;

namespace PreventionBot.Protocol.DirectLine;

/// <summary>
/// The optional body of <c>POST tokens/generate</c> and <c>POST conversations</c>. DirectLineJS sends
/// <c>{"user":{"id":…},"locale":…}</c>; nothing here is required.
/// </summary>
public sealed class TokenParameters
{
    public ChannelAccount? User { get; set; }

    public IList<string>? TrustedOrigins { get; set; }

    public string? ETag { get; set; }

    public string? Locale { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
