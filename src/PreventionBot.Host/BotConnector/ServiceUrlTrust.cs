using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PreventionBot.Host.Authentication;
using PreventionBot.Protocol.Connector;

namespace PreventionBot.Host.BotConnector;

/// <summary>
/// Where the bot may send activities: only to a serviceUrl that arrived with a validated channel token, or, when the
/// bot runs open (no app id, the Emulator), to this machine's loopback address. The URL is reduced to scheme, host,
/// port and path; one with a query or fragment is refused. The replies and any proactive message are checked again
/// here at send time, so nothing can be sent to an address a channel did not vouch for.
/// </summary>
public sealed class ServiceUrlTrust(IOptions<BotAuthenticationOptions> options)
{
    private const int Capacity = 1024;

    private readonly ConcurrentDictionary<Uri, byte> _vouched = new();

    /// <summary>Accepts the serviceUrl of an authenticated (or, open, loopback) activity and returns its base.</summary>
    public bool TryAccept(string? serviceUrl, ChannelCaller caller, out Uri serviceBase)
    {
        if (!ServiceUrl.TryParse(serviceUrl, out serviceBase))
        {
            return false;
        }

        if (caller == ChannelCaller.Anonymous || options.Value.IsOpen)
        {
            return BotAuthenticationOptions.IsLoopback(serviceBase);
        }

        if (_vouched.Count >= Capacity && !_vouched.ContainsKey(serviceBase))
        {
            _vouched.Clear();
        }

        _vouched.TryAdd(serviceBase, 0);
        return true;
    }

    /// <summary>True when activities may be sent to this base URL.</summary>
    public bool IsTrusted(Uri serviceBase) =>
        options.Value.IsOpen ? BotAuthenticationOptions.IsLoopback(serviceBase) : _vouched.ContainsKey(serviceBase);
}
