using System.Net;
using System.Net.Sockets;

namespace PreventionBot.Host.Tests.Support;

/// <summary>
/// Starts a <see cref="BotApplication"/> on a real Kestrel port that nothing else holds. A port is probed, released and then
/// bound by the host, and in between another socket can take it: CI of session 40 lost all fourteen browser and Node tests
/// that way (the host says "address in use" and exits, and WebApplicationFactory then reports a disposed service provider).
/// So ports come from below Linux's ephemeral range (32768 and up), where the outgoing connections of the other tests
/// never land, and a host that still cannot bind is started again on another port.
/// </summary>
public static class KestrelOnFreePort
{
    private const int Attempts = 5;

    public static (BotApplication App, Uri BaseAddress) Start(Func<Uri, BotApplication> create)
    {
        for (var attempt = 1; ; attempt++)
        {
            var baseAddress = new Uri($"http://127.0.0.1:{PickPort()}/");
            var app = create(baseAddress);
            app.UseKestrel(baseAddress.Port);
            try
            {
                app.StartServer();
                return (app, baseAddress);
            }
            // Any exception: a host that lost its port exits, and WebApplicationFactory reports that as a disposed provider.
            catch (Exception) when (attempt < Attempts)
            {
                app.Dispose();
            }
        }
    }

    /// <summary>A port nothing holds now, below the ephemeral range; for hosts started as processes too.</summary>
    public static int PickPort()
    {
        for (var tries = 0; ; tries++)
        {
            if (tries == 1000)
            {
                throw new InvalidOperationException("No free port between 20000 and 32000 after 1000 tries.");
            }

            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Held by something else: try another.
            }
        }
    }
}
