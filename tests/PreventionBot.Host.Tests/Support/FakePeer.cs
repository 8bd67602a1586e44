using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace PreventionBot.Host.Tests.Support;

/// <summary>
/// Gives each in-memory request the connection address named in its X-Test-Peer header, as a real TCP connection
/// would have one, before any of the host's middleware runs (so forwarded-header handling sees it as the peer).
/// </summary>
public sealed class FakePeer : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var peer))
            {
                context.Connection.RemoteIpAddress = peer;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
