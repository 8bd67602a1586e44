using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace PreventionBot.Host.Tests.Browser;

/// <summary>
/// Body limits on the real server: Kestrel enforces its own maximum while the body is read, which TestServer
/// does not, so a chunked body over the limit must be checked here to prove it is a 413 and not a 500.
/// </summary>
[Collection(RealHostGroup.Name)]
public sealed class KestrelBodyLimitTests(KestrelBotHost host)
{
    [Theory]
    [InlineData("/api/messages")]
    [InlineData("/v3/directline/conversations/none/activities")]
    public async Task A_chunked_body_over_the_limit_is_413_on_kestrel(string path)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var body = Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"" + new string('x', 400 * 1024) + "\"}");
        var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        // Direct Line checks the token before the body, so an unauthenticated post is refused first: never a 500.
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        if (path == "/api/messages")
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
