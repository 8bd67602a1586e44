using PreventionBot.Protocol.Schema;

namespace PreventionBot.Protocol.DirectLine;

/// <summary>
/// What <c>GET …/activities</c> returns and what each WebSocket frame carries. The watermark is opaque to
/// clients: they hand back the last one they saw.
/// </summary>
public sealed class ActivitySet
{
    public IList<Activity> Activities { get; set; } = [];

    public string? Watermark { get; set; }
}
