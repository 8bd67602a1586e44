using System.Net;
using System.Text;
using static PreventionBot.Host.Tests.DirectLine.DirectLineTestKit;

namespace PreventionBot.Host.Tests.DirectLine;

/// <summary>
/// Probe finding: a token that is not valid Base64Url (<c>Bearer a.b!</c>, <c>a.b==</c>, <c>stream?t=a.b%21</c>) made
/// every Direct Line endpoint answer 500 and log a 2.4 KB stack trace at Error. It must be a 401/403 and at most one
/// short line.
/// </summary>
public sealed class MalformedTokenTests
{
    public static TheoryData<string> Tokens() => new()
    {
        "a.b!",
        "a.b==",
        "a.b=",
        "!!!.AAAA",
        "djF8.a.b",
        "a." + new string('*', 60),
        "\u00e9t\u00e9.\u00e9t\u00e9",
        "Zm9v.YmFy",
        "." + new string('A', 400),
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public async Task Every_endpoint_refuses_a_malformed_token_with_401_or_403_and_one_short_line(string token)
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);
        var id = conversation.ConversationId;
        app.LogLines.Clear();

        var requests = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Post, $"{Prefix}/tokens/generate"),
            (HttpMethod.Post, $"{Prefix}/tokens/refresh"),
            (HttpMethod.Post, $"{Prefix}/conversations"),
            (HttpMethod.Get, $"{Prefix}/conversations/{id}"),
            (HttpMethod.Get, $"{Prefix}/conversations/{id}/activities"),
            (HttpMethod.Post, $"{Prefix}/conversations/{id}/activities"),
            (HttpMethod.Post, $"{Prefix}/conversations/{id}/upload"),
            (HttpMethod.Get, $"{Prefix}/conversations/{id}/stream"),
        };
        foreach (var (method, path) in requests)
        {
            using var request = new HttpRequestMessage(method, path)
            {
                Content = method == HttpMethod.Post ? new StringContent("{\"type\":\"message\",\"from\":{\"id\":\"u\"}}", Encoding.UTF8, "application/json") : null,
            };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{method} {path}: {(int)response.StatusCode}");
        }

        using var stream = await client.GetAsync($"{Prefix}/conversations/{id}/stream?t={Uri.EscapeDataString(token)}");
        Assert.True(stream.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"stream?t=: {(int)stream.StatusCode}");

        Assert.DoesNotContain(app.LogLines, line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));
        Assert.All(app.LogLines.Where(line => !line.StartsWith("Debug", StringComparison.Ordinal) && !line.StartsWith("Trace", StringComparison.Ordinal)),
            line => Assert.True(line.Length < 600, line));
        Assert.DoesNotContain(app.LogLines, line => line.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_websocket_with_a_malformed_token_in_the_url_is_refused()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var conversation = await StartAsync(client);
        var socket = app.Server.CreateWebSocketClient();

        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            socket.ConnectAsync(new Uri(app.Server.BaseAddress, $"{Prefix}/conversations/{conversation.ConversationId}/stream?t=a.b%21"), CancellationToken.None));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }
}
