using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PreventionBot.Host.Tests.Support;
using PreventionBot.Protocol;

namespace PreventionBot.Host.Tests.Messages;

/// <summary>Bad input gets a clear answer and loses nothing: no 500, and the host keeps serving.</summary>
public sealed class BadInputTests : IClassFixture<BadInputTests.Host>
{
    private readonly Host _host;
    private readonly HttpClient _client;

    public BadInputTests(Host host)
    {
        _host = host;
        _client = host.CreateClient();
    }

    [Theory]
    [InlineData("{\"type\":\"message\",")]
    [InlineData("not json at all")]
    [InlineData("{\"type\":\"message\",\"text\":\"\\uD800\"")]
    [InlineData("")]
    public async Task Malformed_json_is_400_with_a_problem_body(string body)
    {
        using var response = await _client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var big = BotApplication.Message(new string('x', 300 * 1024), "big-1");
        using var response = await _client.PostAsJsonAsync("/api/messages", big, ProtocolJson.Default.Activity);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_without_content_length()
    {
        var json = JsonSerializer.Serialize(BotApplication.Message(new string('y', 300 * 1024), "chunked-1"), ProtocolJson.Default.Activity);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_message_over_5000_characters_gets_a_polite_reply_not_an_error()
    {
        var replies = await BotApplication.ExchangeAsync(_client, BotApplication.Message(string.Join(' ', Enumerable.Repeat("words", 1200)), "long-1"));

        var reply = Assert.Single(replies);
        Assert.Equal("system/too-long", BotApplication.ReplyOf(reply));
    }

    [Fact]
    public async Task A_long_message_that_speaks_of_suicide_still_gets_the_crisis_reply()
    {
        var text = "I want to kill myself. " + string.Join(' ', Enumerable.Repeat("words", 1200));
        var replies = await BotApplication.ExchangeAsync(_client, BotApplication.Message(text, "long-crisis-1"));

        Assert.Equal("crisis", BotApplication.TopicOf(replies[0]));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task A_wrong_content_type_is_415(string contentType)
    {
        using var response = await _client.PostAsync("/api/messages", new StringContent("{\"type\":\"message\"}", Encoding.UTF8, contentType));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task No_content_type_is_415()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}"));
        using var response = await _client.PostAsync("/api/messages", content);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("{\"type\":\"message\",\"text\":\"hi\",\"channelId\":\"test\",\"deliveryMode\":\"expectReplies\"}")]
    [InlineData("{\"text\":\"hi\",\"channelId\":\"test\",\"conversation\":{\"id\":\"c\"},\"deliveryMode\":\"expectReplies\"}")]
    [InlineData("{\"type\":\"message\",\"text\":\"hi\",\"channelId\":\"test\",\"conversation\":{\"id\":\"c\"}}")]
    public async Task Missing_required_fields_are_400(string json)
    {
        using var response = await _client.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("{\"type\":42,\"conversation\":{\"id\":\"c\"},\"channelId\":\"t\",\"deliveryMode\":\"expectReplies\"}")]
    [InlineData("{\"type\":\"message\",\"conversation\":\"not an object\",\"channelId\":\"t\"}")]
    [InlineData("[1,2,3]")]
    public async Task Wrongly_typed_fields_are_400(string json)
    {
        using var response = await _client.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("h\u0435llo \u200b\u200b w\u00f6rld \U0001F600")]
    [InlineData("\u202Eevil\u202C \u0000 nul")]
    [InlineData("\uFEFF\uFFFD\uFFFF")]
    [InlineData("   ")]
    public async Task Odd_unicode_gets_an_answer_not_an_error(string text)
    {
        using var response = await _client.PostAsJsonAsync("/api/messages", BotApplication.Message(text, "unicode-" + text.Length), ProtocolJson.Default.Activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_flood_of_bad_requests_does_not_disturb_another_conversation()
    {
        var flood = Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await _client.PostAsync("/api/messages", new StringContent("{broken" + i, Encoding.UTF8, "application/json"));
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(flood);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        await AssertStillServingAsync();
        Assert.DoesNotContain(_host.LogLines, line => line.Contains("answered 500", StringComparison.Ordinal));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
    }

    private async Task AssertStillServingAsync()
    {
        var replies = await BotApplication.ExchangeAsync(_client, BotApplication.ConversationStart("still-serving-" + Guid.NewGuid().ToString("N")));
        Assert.Contains(replies, r => BotApplication.TopicOf(r) == "welcome");
    }

    public sealed class Host : BotApplication;
}
