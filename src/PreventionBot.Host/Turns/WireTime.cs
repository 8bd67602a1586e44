using System.Globalization;

namespace PreventionBot.Host.Turns;

/// <summary>The one timestamp format the host writes on the wire: UTC, milliseconds, a literal Z (Activity spec A2043).</summary>
public static class WireTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
