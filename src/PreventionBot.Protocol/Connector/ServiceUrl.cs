namespace PreventionBot.Protocol.Connector;

/// <summary>
/// The channel's <c>serviceUrl</c> as a base for Connector calls. Only the scheme, host, port and path are used; a
/// query, a fragment or user information makes it unusable, because a reply URL must never carry anything the
/// sender of an activity smuggled into it.
/// </summary>
public static class ServiceUrl
{
    /// <summary>An absolute http(s) base URL with no query, fragment or user information, ending without '/'.</summary>
    public static bool TryParse(string? serviceUrl, out Uri baseUri)
    {
        baseUri = null!;
        if (string.IsNullOrWhiteSpace(serviceUrl) || serviceUrl.Length > 2048
            || serviceUrl.Contains('?', StringComparison.Ordinal) || serviceUrl.Contains('#', StringComparison.Ordinal)
            || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0 || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        var builder = new UriBuilder(uri.Scheme, uri.Host, uri.Port, uri.AbsolutePath.TrimEnd('/'));
        baseUri = builder.Uri;
        return true;
    }
}
