using System.Globalization;
using System.Text;

namespace PreventionBot.Host.DirectLine;

/// <summary>
/// The ActivitySet that GET activities returns and each WebSocket frame carries, written around activities that are
/// already JSON (as transcripts keep them), so they are never parsed back into objects to be sent. The bytes are the
/// ones serialising <see cref="PreventionBot.Protocol.DirectLine.ActivitySet"/> with DirectLineJson gives:
/// <c>{"activities":[…],"watermark":"7"}</c>, no spaces, activities in order.
/// </summary>
internal static class ActivitySetJson
{
    public const string ContentType = "application/json; charset=utf-8";

    private static readonly byte[] Start = Encoding.UTF8.GetBytes("{\"activities\":[");
    private static readonly byte[] Middle = Encoding.UTF8.GetBytes("],\"watermark\":\"");
    private static readonly byte[] End = Encoding.UTF8.GetBytes("\"}");

    public static byte[] Write(IReadOnlyList<byte[]> activities, long watermark)
    {
        // The watermark is a sequence number: digits, which JSON needs no escapes for.
        var mark = Encoding.UTF8.GetBytes(watermark.ToString(CultureInfo.InvariantCulture));
        var length = Start.Length + Middle.Length + mark.Length + End.Length + Math.Max(0, activities.Count - 1);
        foreach (var activity in activities)
        {
            length += activity.Length;
        }

        var json = new byte[length];
        var at = Append(json, 0, Start);
        for (var i = 0; i < activities.Count; i++)
        {
            if (i > 0)
            {
                json[at++] = (byte)',';
            }

            at = Append(json, at, activities[i]);
        }

        at = Append(json, at, Middle);
        at = Append(json, at, mark);
        Append(json, at, End);
        return json;
    }

    private static int Append(byte[] json, int at, byte[] part)
    {
        part.CopyTo(json, at);
        return at + part.Length;
    }
}
