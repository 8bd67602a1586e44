namespace PreventionBot.Core.Conversation;

/// <summary>
/// Button values: <c>#topic</c>, <c>#topic/reply</c> or <c>#country/CODE</c>. They arrive as message text
/// (Web Chat sends a postBack's string value as text), so they start with '#' to keep them apart from
/// anything a person would type.
/// </summary>
public readonly record struct PostBack(string? ReplyReference, string? CountryCode)
{
    private const string Prefix = "#";
    private const string CountryPrefix = "#country/";

    public static string ForReply(string reference) => Prefix + reference;

    public static string ForCountry(string code) => CountryPrefix + code;

    public static bool TryParse(string text, out PostBack postBack)
    {
        postBack = default;
        if (text.Length < 2 || text.Length > 100 || text[0] != '#' || text.AsSpan().ContainsAny(' ', '\n'))
        {
            return false;
        }

        postBack = text.StartsWith(CountryPrefix, StringComparison.Ordinal)
            ? new PostBack(null, text[CountryPrefix.Length..])
            : new PostBack(text[1..], null);
        return true;
    }
}
