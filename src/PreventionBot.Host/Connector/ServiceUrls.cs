namespace PreventionBot.Host.Connector;

/// <summary>Which serviceUrls the bot will POST to: the guard against being used to send requests anywhere.</summary>
public static class ServiceUrls
{
    public static bool IsAllowed(string serviceUrl, IReadOnlyList<string> allowedHosts)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        var host = uri.IsLoopback && uri.HostNameType == UriHostNameType.IPv6 ? "[::1]" : uri.Host;
        foreach (var allowed in allowedHosts)
        {
            if (allowed.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
                : string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
