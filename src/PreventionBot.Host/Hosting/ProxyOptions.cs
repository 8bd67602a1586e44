using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace PreventionBot.Host.Hosting;

/// <summary>
/// Which reverse proxies may tell the host the client's real address and scheme (section "ForwardedHeaders").
/// Off by default: X-Forwarded-For and X-Forwarded-Proto are then ignored, because any client can send them.
/// ASP.NET Core's own switch (ASPNETCORE_FORWARDEDHEADERS_ENABLED) would trust every sender; here it trusts only the
/// proxies and networks listed (loopback when none are).
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. "10.244.0.0/16".</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in front of the host to believe (entries taken from the end of X-Forwarded-For).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    internal static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProxyOptions>()
            .Bind(configuration.GetSection(Section))
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "ForwardedHeaders:KnownProxies must be IP addresses.")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "ForwardedHeaders:KnownNetworks must be networks in CIDR form, e.g. 10.0.0.0/8.")
            .Validate(o => o.ForwardLimit is >= 1 and <= 10, "ForwardedHeaders:ForwardLimit must be between 1 and 10.")
            .ValidateOnStart();

        // Applies to our own middleware and to the framework's ASPNETCORE_FORWARDEDHEADERS_ENABLED one alike.
        services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            var settings = proxies.Value;
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = settings.ForwardLimit;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }

            foreach (var network in settings.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    forwarded.KnownIPNetworks.Add(parsed);
                }
            }

            if (!settings.Enabled)
            {
                forwarded.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Loopback, 8));
                forwarded.KnownProxies.Add(IPAddress.IPv6Loopback);
            }
        });
    }
}
