using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using PreventionBot.Host.Tests.DirectLine;
using PreventionBot.Host.Tests.Support;

namespace PreventionBot.Host.Tests.Hosting;

/// <summary>
/// Faults that are the client's, on a real Kestrel socket: a body shorter than its Content-Length, a body sent too
/// slowly, conflicting length headers. Each gets its 4xx and at most an Information line with no stack trace; none may
/// be logged as an unhandled exception at Error.
/// </summary>
public sealed class ClientFaultTests : IClassFixture<ClientFaultTests.SlowBodyHost>
{
    private readonly SlowBodyHost _host;

    public ClientFaultTests(SlowBodyHost host) => _host = host;

    [Theory]
    [InlineData("/api/messages")]
    [InlineData("/v3/directline/conversations/{id}/activities")]
    public async Task A_body_shorter_than_its_content_length_is_400_and_no_error_is_logged(string path)
    {
        var (target, token) = await TargetAsync(path);
        var status = await RawAsync($"POST {target} HTTP/1.1\r\nHost: x\r\n{token}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"type\":\"mess", closeAfterSend: true);

        Assert.True(status is null or 400, $"status {status}");
        await AssertOnlyClientFaultLoggedAsync();
    }

    [Theory]
    [InlineData("/api/messages")]
    [InlineData("/v3/directline/conversations/{id}/activities")]
    public async Task A_body_sent_too_slowly_is_408_and_no_error_is_logged(string path)
    {
        var (target, token) = await TargetAsync(path);
        var status = await RawAsync($"POST {target} HTTP/1.1\r\nHost: x\r\n{token}Content-Type: application/json\r\nContent-Length: 2000\r\n\r\n{{\"t", closeAfterSend: false, wait: TimeSpan.FromSeconds(4));

        Assert.True(status is null or 408, $"status {status}");
        await AssertOnlyClientFaultLoggedAsync();
    }

    [Theory]
    [InlineData("Content-Length: 10\r\nContent-Length: 20\r\n", "0123456789")]
    [InlineData("Transfer-Encoding: chunked\r\nContent-Length: 10\r\n", "zz\r\n0123456789\r\n0\r\n\r\n")]
    [InlineData("Transfer-Encoding: chunked\r\n", "5\r\n{\"a\":\r\nnot-a-chunk-size\r\n")]
    public async Task Conflicting_or_malformed_length_headers_are_400_and_no_error_is_logged(string headers, string body)
    {
        var status = await RawAsync($"POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n{headers}\r\n{body}", closeAfterSend: true);

        Assert.True(status is null or 400, $"status {status}");
        await AssertOnlyClientFaultLoggedAsync();
    }

    private async Task<(string Target, string AuthorizationLine)> TargetAsync(string path)
    {
        if (!path.Contains("{id}", StringComparison.Ordinal))
        {
            return (path, string.Empty);
        }

        using var client = new HttpClient { BaseAddress = _host.BaseAddress };
        var conversation = await DirectLineTestKit.StartAsync(client);
        return (path.Replace("{id}", conversation.ConversationId, StringComparison.Ordinal), $"Authorization: Bearer {conversation.Token}\r\n");
    }

    private async Task AssertOnlyClientFaultLoggedAsync()
    {
        await Task.Delay(300);
        var lines = _host.App.LogLines.ToArray();
        Assert.DoesNotContain(lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => !l.StartsWith("Debug", StringComparison.Ordinal) && !l.StartsWith("Trace", StringComparison.Ordinal) && l.Contains("   at ", StringComparison.Ordinal));

        // And the host still serves.
        using var client = new HttpClient { BaseAddress = _host.BaseAddress };
        var replies = await BotApplication.ExchangeAsync(client, BotApplication.ConversationStart("after-fault-" + Guid.NewGuid().ToString("N")));
        Assert.NotEmpty(replies);
    }

    /// <summary>Sends raw bytes and returns the status of the answer, or null when the server just closed the connection.</summary>
    private async Task<int?> RawAsync(string request, bool closeAfterSend, TimeSpan? wait = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _host.BaseAddress.Port);
        await socket.SendAsync(Encoding.UTF8.GetBytes(request));
        if (wait is { } pause)
        {
            await Task.Delay(pause);
        }

        if (closeAfterSend)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            var text = Encoding.ASCII.GetString(buffer, 0, read);
            return text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>The host on a real port, with Kestrel's minimum body rate enforced after 1.5 seconds of grace.</summary>
    public sealed class SlowBodyHost : IDisposable
    {
        public SlowBodyHost()
        {
            (App, BaseAddress) = KestrelOnFreePort.Start(baseAddress => new BotApplication(
                new Dictionary<string, string?>
                {
                    ["urls"] = baseAddress.ToString().TrimEnd('/'),
                    ["DirectLine:Secret"] = DirectLineTestKit.Secret,
                    ["DirectLine:TokenRequestsPerClientPerMinute"] = "1000",
                },
                services => services.Configure<KestrelServerOptions>(kestrel =>
                    kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 100, gracePeriod: TimeSpan.FromSeconds(1.5)))));
        }

        public BotApplication App { get; }

        public Uri BaseAddress { get; }

        public void Dispose() => App.Dispose();
    }
}
